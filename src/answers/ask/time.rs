//! Time in a question: one date ("in 2017", "as of September 2017") or a
//! range ("before 2000", "since 2020", "between 2015 and 2016", "in the
//! 1970s", "last year", "2017년 이후").

pub(crate) mod normalise;

use crate::dataset::{DateRange, PartialDate};
use once_cell::sync::Lazy;
use regex::Regex;

/// What a question says about time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeClues {
    /// The span the question asks about (a single date is a range of one period).
    pub when: DateRange,
    /// True when the question gave a range, not one date.
    pub is_range: bool,
    /// The single date, when one was given ("as of 2017", "in October 2023").
    pub date: Option<PartialDate>,
    /// The question gave its range the wrong way round ("between 2020 and
    /// 1990"); `when` holds it swapped, and the reply says so.
    pub swapped: bool,
    /// A number written where a year goes that no record can have ("in
    /// 99999"): reported as not applied, never silently dropped.
    pub impossible_year: Option<u32>,
}

const MONTH: &str = r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
/// A date as people write it: "7 september 2017", "sept 7, 2017",
/// "october 2023", "2017-09-07", "2017", "1970s".
static DATE: Lazy<String> = Lazy::new(|| {
    format!(
        r"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{4}}'?s?)"
    )
});

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("DATE", &DATE)).expect("valid time regex")
}

static BETWEEN: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:between|from)\s+(?:the\s+)?(DATE)\s+(?:and|to|until|till|through|thru|-|–)\s+(?:the\s+)?(DATE)",
    )
});
static YEAR_SPAN: Lazy<Regex> = Lazy::new(|| re(r"\b(\d{4})\s*(?:-|–|to)\s*(\d{4})\b"));
static BEFORE: Lazy<Regex> =
    Lazy::new(|| re(r"\b(?:before|prior to|earlier than|pre-?)\s*(?:the\s+)?(DATE)"));
static AFTER: Lazy<Regex> = Lazy::new(|| re(r"\b(?:after|later than|post-?)\s*(DATE)"));
static SINCE: Lazy<Regex> = Lazy::new(|| {
    re(r"\b(?:since|starting(?:\s+in|\s+from)?|from|as from|onwards from)\s+(?:the\s+)?(DATE)")
});
static UNTIL: Lazy<Regex> = Lazy::new(|| {
    re(r"\b(?:until|till|up to|upto|up until|through|thru|by|no later than)\s+(?:the\s+)?(DATE)")
});
static ONWARDS: Lazy<Regex> = Lazy::new(|| re(r"(DATE)\s+(?:onwards|onward|and later|or later)"));
static KOREAN: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\d{4})\s*년?\s*(이전|전|이후|후|부터|까지)").expect("valid regex"));
static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(last|this|past|previous)\s+(year|(\d{1,2})\s+years|decade)\b|작년|올해")
        .expect("valid regex")
});
static ANY_DATE: Lazy<Regex> = Lazy::new(|| re(r"(DATE)"));

/// A written date as the period it names; a decade ("1970s") as its first
/// and last year.
fn period(text: &str) -> Option<(PartialDate, PartialDate)> {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    if let Some(decade) = t.strip_suffix('s') {
        let decade = decade.trim_end_matches('\'');
        if decade.len() == 4 && decade.ends_with('0') {
            let start: i32 = decade.parse().ok()?;
            return plausible(start)
                .then(|| (PartialDate::year(start), PartialDate::year(start + 9)));
        }
    }
    let date = parse_written(&t)?;
    plausible(date.year).then_some((date, date))
}

pub(crate) fn plausible(year: i32) -> bool {
    (1940..=2100).contains(&year)
}

/// "7 september 2017", "sept 7, 2017", "october 2023", "2017-09", "2017".
fn parse_written(t: &str) -> Option<PartialDate> {
    if let Some(d) = PartialDate::parse(t) {
        return Some(d);
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year = words.last()?.parse::<i32>().ok()?;
    let month = words.iter().find_map(|w| month_number(w))?;
    let day = words
        .iter()
        .find_map(|w| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u8>()
                .ok()
                .filter(|_| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        })
        .filter(|d| (1..=31).contains(d));
    let text = match day {
        Some(d) => format!("{year:04}-{month:02}-{d:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    PartialDate::parse(&text)
}

/// A month's number from its English name or usual abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    const M: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    M.iter()
        .position(|m| *m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u8 + 1)
}

/// Turns the period a phrase names into one end of a range: (is it the
/// start, the date).
type Bound = fn((PartialDate, PartialDate)) -> (bool, PartialDate);

/// Reads the time clues of a question; `today` anchors "last year".
pub fn find(question: &str, today: PartialDate) -> TimeClues {
    let mut text = normalise::rewrite(&question.to_lowercase());
    let impossible_year = impossible_year(&text);
    let mut from: Option<PartialDate> = None;
    let mut to: Option<PartialDate> = None;
    let blank = |text: &mut String, start: usize, end: usize| {
        text.replace_range(start..end, &" ".repeat(end - start));
    };
    let mut swapped = false;
    for pattern in [&*BETWEEN, &*YEAR_SPAN] {
        if let Some(c) = pattern.captures(&text.clone()) {
            if let (Some(mut a), Some(mut b)) = (period(&c[1]), period(&c[2])) {
                if b.1 < a.0 {
                    std::mem::swap(&mut a, &mut b);
                    swapped = true;
                }
                from = Some(a.0);
                to = Some(b.1);
                let m = c.get(0).expect("whole match");
                blank(&mut text, m.start(), m.end());
            }
        }
    }
    let bounds: [(&Regex, Bound); 5] = [
        (&BEFORE, |p| (false, p.0.previous())),
        (&AFTER, |p| (true, p.1.next())),
        (&SINCE, |p| (true, p.0)),
        (&UNTIL, |p| (false, p.1)),
        (&ONWARDS, |p| (true, p.0)),
    ];
    for (pattern, bound) in bounds {
        for c in pattern.captures_iter(&text.clone()) {
            let Some(p) = period(&c[1]) else { continue };
            match bound(p) {
                (true, d) => from = Some(d),
                (false, d) => to = Some(d),
            }
            let m = c.get(0).expect("whole match");
            blank(&mut text, m.start(), m.end());
        }
    }
    if let Some(c) = KOREAN.captures(&text.clone()) {
        if let Ok(y) = c[1].parse::<i32>() {
            let year = PartialDate::year(y);
            // As Korean readers mean them: 이후/이전 include the year
            // named (the bot's own titles write `from:2017` as "2017년
            // 이후"); 후/전 leave it out.
            match &c[2] {
                "전" => to = Some(year.previous()),
                "후" => from = Some(year.next()),
                "이후" | "부터" => from = Some(year),
                _ => to = Some(year),
            }
            let m = c.get(0).expect("whole match");
            blank(&mut text, m.start(), m.end());
        }
    }
    if from.is_none() && to.is_none() {
        if let Some(c) = RELATIVE.captures(&text) {
            let this = today.year;
            let (a, b) = match (c.get(1).map(|m| m.as_str()), c.get(2).map(|m| m.as_str())) {
                (Some("this"), _) => (this, this),
                (_, Some("decade")) => (this - 9, this),
                (_, Some("year")) => (this - 1, this - 1),
                (_, Some(_)) => {
                    let n: i32 = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(1);
                    (this - n.clamp(1, 50) + 1, this)
                }
                _ if c[0].contains("올해") => (this, this),
                _ => (this - 1, this - 1),
            };
            from = Some(PartialDate::year(a));
            to = Some(PartialDate::year(b));
        }
    }
    if from.is_some() || to.is_some() {
        return TimeClues {
            when: DateRange { from, to },
            is_range: true,
            date: None,
            swapped,
            impossible_year,
        };
    }
    // One date: the first written one ("in 2017", "as of 30 September 2017").
    let single = ANY_DATE
        .captures_iter(&text)
        .filter_map(|c| {
            let m = c.get(1)?;
            // A number glued to other digits is not a year ("12017").
            let before = text[..m.start()].chars().last();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit())
                || after.is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
            period(m.as_str())
        })
        .next();
    match single {
        Some((a, b)) if a == b => TimeClues {
            when: DateRange::within(a),
            is_range: false,
            date: Some(a),
            ..TimeClues::default()
        },
        Some((a, b)) => TimeClues {
            when: DateRange {
                from: Some(a),
                to: Some(b),
            },
            is_range: true,
            ..TimeClues::default()
        },
        None => TimeClues {
            impossible_year,
            ..TimeClues::default()
        },
    }
}

/// A number of 4 to 6 digits standing where a year goes ("in 99999",
/// "since 1066") that is outside the years any record can have.
fn impossible_year(text: &str) -> Option<u32> {
    static YEARISH: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"\b(?:in|since|after|before|from|until|till|to|and|year|by|of)\s+(\d{4,6})\b")
            .expect("valid regex")
    });
    YEARISH
        .captures_iter(text)
        .filter_map(|c| c[1].parse::<u32>().ok())
        .find(|y| !plausible(*y as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(q: &str) -> String {
        let today = PartialDate::parse("2026-11-28").unwrap();
        find(q, today).when.to_string()
    }

    #[test]
    fn reads_open_and_closed_ranges() {
        assert_eq!(when("expulsions before 2000"), "up to 1999");
        assert_eq!(when("who expelled diplomats after 2016"), "since 2017");
        assert_eq!(when("closed since 2020?"), "since 2020");
        assert_eq!(when("list them up to 1990"), "up to 1990");
        assert_eq!(when("until 1990"), "up to 1990");
        assert_eq!(when("between 2015 and 2016"), "between 2015 and 2016");
        assert_eq!(when("from 2015 to 2017"), "between 2015 and 2017");
        assert_eq!(when("in 2015-2016"), "between 2015 and 2016");
        assert_eq!(when("in the 1970s"), "between 1970 and 1979");
        assert_eq!(when("last year"), "in 2025");
        assert_eq!(when("this year"), "in 2026");
        assert_eq!(when("after 2015 and before 2018"), "between 2016 and 2017");
        assert_eq!(when("after 7 September 2017"), "since 8 September 2017");
        assert_eq!(when("before march 2017"), "up to February 2017");
        // 이후/이전 include the year named, as Korean readers mean them.
        assert_eq!(when("2017년 이후 추방"), "since 2017");
        assert_eq!(when("2000년 이전"), "up to 2000");
        assert_eq!(when("2017년 후 추방"), "since 2018");
        assert_eq!(when("2000년 전"), "up to 1999");
    }

    #[test]
    fn a_single_date_is_not_a_range() {
        let today = PartialDate::parse("2026-11-28").unwrap();
        let t = find("embassies as of 30 September 2017", today);
        assert!(!t.is_range);
        assert_eq!(t.date, PartialDate::parse("2017-09-30"));
        let t = find("2017년에 북한 대사를 추방한 나라는?", today);
        assert_eq!(t.date, PartialDate::parse("2017"));
        assert_eq!(find("what about 12017", today), TimeClues::default());
        assert_eq!(find("no dates here", today), TimeClues::default());
        // "declared" is not December.
        assert_eq!(
            find("declared 2017", today).date,
            PartialDate::parse("2017")
        );
    }
}
