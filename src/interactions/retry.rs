//! One retry policy for every call the bot makes to Discord: interaction
//! callbacks, edits of an original response, command registration.
//!
//! serenity's own rate limiter is off in every configuration (see
//! `interactions::rest_client`), so production and tests take this same
//! path on a 429: a rate limit, a server error or a dropped connection is
//! retried after a growing wait, a refusal is not, and no retry is started
//! that could not finish before the call's deadline. A callback's deadline
//! is counted from the interaction's arrival, not from when sending began:
//! Discord's 3-second window started before the bot answered.

use serenity::http::HttpError;
use std::future::Future;
use std::time::{Duration, Instant};
use tracing::warn;

/// When a failed call is tried again, and until when.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The wait before each retry; as many retries as waits.
    pub waits: &'static [Duration],
    /// No retry starts that would begin after this (`None`: no deadline).
    pub deadline: Option<Instant>,
    /// Also retry a 404: an HTTP response Discord has not processed yet
    /// makes the original response "unknown" for a moment.
    pub retry_not_found: bool,
}

const fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

const CALLBACK_WAITS: &[Duration] = &[ms(200), ms(400), ms(800), ms(1_600)];
const EDIT_WAITS: &[Duration] = &[ms(250), ms(500), ms(1_000)];
const REGISTRATION_WAITS: &[Duration] = &[ms(500), ms(1_000), ms(2_000), ms(4_000), ms(8_000)];

/// Discord's window for an interaction's first response, less a margin for
/// the request itself.
pub const CALLBACK_WINDOW: Duration = ms(2_700);

impl Policy {
    /// An interaction callback: short waits, and nothing after the window
    /// that opened when the interaction arrived.
    pub fn callback(arrived: Instant) -> Policy {
        Policy {
            waits: CALLBACK_WAITS,
            deadline: Some(arrived + CALLBACK_WINDOW),
            retry_not_found: false,
        }
    }

    /// An edit of an original response (a deferred `/map`): the token lives
    /// 15 minutes, so a few seconds of retries are always within it.
    pub fn edit() -> Policy {
        Policy {
            waits: EDIT_WAITS,
            deadline: None,
            retry_not_found: true,
        }
    }

    /// A message the bot posts (the answer to an @mention): no window, a
    /// few seconds of retries.
    pub fn message() -> Policy {
        Policy {
            retry_not_found: false,
            ..Policy::edit()
        }
    }

    /// A command set's registration: about 15 s in all, in the background.
    pub fn registration() -> Policy {
        Policy {
            waits: REGISTRATION_WAITS,
            deadline: None,
            retry_not_found: false,
        }
    }

    /// The wait before retry number `retry` (0 for the first) after a
    /// failure of this kind at `now`, or `None` when the policy gives up.
    pub fn next_wait(&self, retry: usize, failed: Failed, now: Instant) -> Option<Duration> {
        let worth_it = match failed {
            Failed::Transient => true,
            Failed::NotFound => self.retry_not_found,
            Failed::Refused => false,
        };
        let wait = *self.waits.get(retry)?;
        let in_time = self.deadline.is_none_or(|d| now + wait < d);
        (worth_it && in_time).then_some(wait)
    }

    /// Runs `call` until it succeeds or the policy gives up; `stop` is asked
    /// before each retry (a newer command set makes an older one moot).
    pub async fn run<T, F, Fut>(
        &self,
        what: &str,
        mut call: F,
        mut stop: impl FnMut() -> bool,
    ) -> Result<T, Failure>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = serenity::Result<T>>,
    {
        for retry in 0.. {
            let error = match call().await {
                Ok(done) => return Ok(done),
                Err(e) => e,
            };
            let Some(wait) = self.next_wait(retry, Failed::of(&error), Instant::now()) else {
                return Err(Failure::Failed {
                    tries: retry + 1,
                    error,
                });
            };
            warn!(what, tries = retry + 1, error = %error, wait_ms = wait.as_millis() as u64, "a call to Discord failed; retrying");
            tokio::time::sleep(wait).await;
            if stop() {
                return Err(Failure::Stopped);
            }
        }
        unreachable!("the retries are bounded by the policy's waits")
    }
}

/// What kind of failure a call met, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// A rate limit, a server error or a failed connection.
    Transient,
    /// Discord answered 404.
    NotFound,
    /// Discord refused the request: the same request fails again.
    Refused,
}

impl Failed {
    pub fn of(e: &serenity::Error) -> Failed {
        if transient(e) {
            Failed::Transient
        } else if not_found(e) {
            Failed::NotFound
        } else {
            Failed::Refused
        }
    }
}

/// Why [`Policy::run`] gave up.
#[derive(Debug)]
pub enum Failure {
    /// The last error, after this many tries.
    Failed {
        tries: usize,
        error: serenity::Error,
    },
    /// `stop` said the call is no longer wanted.
    Stopped,
}

/// Rate limits, server errors and failed connections pass; a refusal does not.
pub fn transient(e: &serenity::Error) -> bool {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            r.status_code.as_u16() == 429 || r.status_code.is_server_error()
        }
        serenity::Error::Http(HttpError::Request(_)) => true,
        _ => false,
    }
}

/// Discord answered 404: the interaction or its message is not known (yet).
pub fn not_found(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 404)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Failed::*;

    #[test]
    fn a_callback_retries_a_rate_limit_only_within_the_window_from_arrival() {
        let now = Instant::now();
        let fresh = Policy::callback(now);
        assert_eq!(fresh.next_wait(0, Transient, now), Some(ms(200)));
        assert_eq!(fresh.next_wait(0, Refused, now), None, "a refusal");
        assert_eq!(fresh.next_wait(0, NotFound, now), None);
        // An interaction that arrived 2.6 s ago: its window has no room for
        // a wait, however early in the retries this is.
        let late = Policy::callback(now - ms(2_600));
        assert_eq!(late.next_wait(0, Transient, now), None);
        assert_eq!(fresh.next_wait(4, Transient, now), None, "waits used up");
    }

    #[test]
    fn an_edit_waits_for_a_response_discord_has_not_processed() {
        let now = Instant::now();
        assert_eq!(Policy::edit().next_wait(0, NotFound, now), Some(ms(250)));
        assert_eq!(Policy::edit().next_wait(3, NotFound, now), None);
        assert_eq!(Policy::message().next_wait(0, NotFound, now), None);
        assert_eq!(
            Policy::registration().next_wait(4, Transient, now),
            Some(ms(8_000))
        );
    }

    #[tokio::test]
    async fn run_stops_when_told_and_gives_up_after_its_waits() {
        let mut calls = 0;
        let gave_up = Policy::registration()
            .run(
                "test",
                || {
                    calls += 1;
                    async { Err::<(), _>(serenity::Error::Other("refused")) }
                },
                || false,
            )
            .await;
        assert!(matches!(gave_up, Err(Failure::Failed { tries: 1, .. })));
        assert_eq!(calls, 1, "a refusal is not retried");
    }
}
