//! Dates with the precision the sources give: a year, a month or a day.

use std::cmp::Ordering;
use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date known to the year, the month or the day.
///
/// Ordering compares the earliest day the date can mean, so `2017` sorts
/// before `2017-03` and `2017-03` before `2017-03-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking month and day ranges.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(two_digits(m).filter(|m| (1..=12).contains(m))?),
        };
        let day = match parts.next() {
            None => None,
            Some(d) => {
                let d = two_digits(d)?;
                let last = days_in_month(year, month?);
                Some(d).filter(|d| (1..=last).contains(d))?;
                Some(d)
            }
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self { year, month, day })
    }

    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// The first day this date can mean, as (year, month, day).
    pub fn start(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean, as (year, month, day).
    pub fn end(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or(days_in_month(self.year, month)),
        )
    }

    /// The same date written the ISO way at its own precision.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

impl PartialDate {
    /// The period right after this one, at the same precision: the next
    /// year, month or day. "after 2016" starts at `2016.next()`.
    pub fn next(&self) -> Self {
        match (self.month, self.day) {
            (Some(m), Some(d)) if d < days_in_month(self.year, m) => Self {
                day: Some(d + 1),
                ..*self
            },
            (Some(12), Some(_)) => Self::ymd(self.year + 1, 1, Some(1)),
            (Some(m), Some(_)) => Self::ymd(self.year, m + 1, Some(1)),
            (Some(12), None) => Self::ymd(self.year + 1, 1, None),
            (Some(m), None) => Self::ymd(self.year, m + 1, None),
            _ => Self::year(self.year + 1),
        }
    }

    /// The period right before this one, at the same precision. "before
    /// 2000" ends with `2000.previous()`.
    pub fn previous(&self) -> Self {
        match (self.month, self.day) {
            (Some(_), Some(d)) if d > 1 => Self {
                day: Some(d - 1),
                ..*self
            },
            (Some(1), Some(_)) => Self::ymd(self.year - 1, 12, Some(31)),
            (Some(m), Some(_)) => {
                Self::ymd(self.year, m - 1, Some(days_in_month(self.year, m - 1)))
            }
            (Some(1), None) => Self::ymd(self.year - 1, 12, None),
            (Some(m), None) => Self::ymd(self.year, m - 1, None),
            _ => Self::year(self.year - 1),
        }
    }

    fn ymd(year: i32, month: u8, day: Option<u8>) -> Self {
        Self {
            year,
            month: Some(month),
            day,
        }
    }
}

/// A span of time with either end open: "since 2020", "up to 1990",
/// "between 2015 and 2016". Both ends are inclusive, at their own precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl DateRange {
    /// The whole of one period: a year, a month or a day.
    pub fn within(date: PartialDate) -> Self {
        Self {
            from: Some(date),
            to: Some(date),
        }
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether a dated fact falls in the range (by the first day it can mean).
    pub fn contains(&self, date: PartialDate) -> bool {
        let day = date.start();
        self.from.is_none_or(|f| day >= f.start()) && self.to.is_none_or(|t| day <= t.end())
    }

    /// The single year the range covers exactly, if it is one.
    pub fn single_year(&self) -> Option<i32> {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f == t && f.month.is_none() => Some(f.year),
            _ => None,
        }
    }

    /// The first end that comes after the second: a range that matches nothing.
    pub fn is_reversed(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if f.start() > t.end())
    }
}

/// Written for readers: "in 2017", "since 2020", "up to 1990",
/// "between 2015 and 2016", "at any time".
impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "in {a}"),
            (Some(a), Some(b)) => write!(f, "between {a} and {b}"),
            (Some(a), None) => write!(f, "since {a}"),
            (None, Some(b)) => write!(f, "up to {b}"),
            (None, None) => f.write_str("at any time"),
        }
    }
}

fn two_digits(text: &str) -> Option<u8> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12)) - 1]
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then(self.month.is_some().cmp(&other.month.is_some()))
            .then(self.day.is_some().cmp(&other.day.is_some()))
    }
}

/// Written for readers: "7 September 2017", "October 2023", "2017".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{} {} {}", d, month_name(m), self.year),
            (Some(m), None) => write!(f, "{} {}", month_name(m), self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

/// Serialized as written in the data files: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_rejects_bad_dates() {
        assert_eq!(PartialDate::parse("2017").unwrap().to_string(), "2017");
        assert_eq!(
            PartialDate::parse("2023-10").unwrap().to_string(),
            "October 2023"
        );
        assert_eq!(
            PartialDate::parse("2017-09-07").unwrap().to_string(),
            "7 September 2017"
        );
        for bad in [
            "17",
            "2017-13",
            "2017-02-30",
            "2017-9-7",
            "2017-09-07-01",
            "abcd",
            "",
        ] {
            assert!(
                PartialDate::parse(bad).is_none(),
                "{bad} should be rejected"
            );
        }
        assert!(PartialDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn orders_by_earliest_day_then_precision() {
        let y = PartialDate::parse("2017").unwrap();
        let m = PartialDate::parse("2017-03").unwrap();
        let d = PartialDate::parse("2017-03-04").unwrap();
        assert!(y < m && m < d);
        assert_eq!(d.end(), (2017, 3, 4));
        assert_eq!(m.end(), (2017, 3, 31));
    }

    #[test]
    fn steps_to_the_next_and_previous_period_at_the_same_precision() {
        let p = |t: &str| PartialDate::parse(t).unwrap();
        assert_eq!(p("2016").next(), p("2017"));
        assert_eq!(p("2000").previous(), p("1999"));
        assert_eq!(p("2017-12").next(), p("2018-01"));
        assert_eq!(p("2017-01").previous(), p("2016-12"));
        assert_eq!(p("2017-02-28").next(), p("2017-03-01"));
        assert_eq!(p("2016-03-01").previous(), p("2016-02-29"));
        assert_eq!(p("2017-12-31").next(), p("2018-01-01"));
    }

    #[test]
    fn ranges_include_both_ends_at_their_precision() {
        let p = |t: &str| PartialDate::parse(t).unwrap();
        let r = DateRange {
            from: Some(p("2015")),
            to: Some(p("2016")),
        };
        assert!(r.contains(p("2015-03-09")) && r.contains(p("2016-08-08")));
        assert!(!r.contains(p("2017-03-04")) && !r.contains(p("2014-12-31")));
        let up_to = DateRange {
            from: None,
            to: Some(p("1990")),
        };
        assert!(up_to.contains(p("1976-10")) && !up_to.contains(p("1996")));
        assert_eq!(up_to.to_string(), "up to 1990");
        assert_eq!(DateRange::within(p("2017")).single_year(), Some(2017));
        assert!(DateRange {
            from: Some(p("2020")),
            to: Some(p("2010"))
        }
        .is_reversed());
    }
}
