//! Rewrites the ways people write decades, month ranges and short years
//! into the forms the time patterns read: "the nineties", "the '90s",
//! "1990년대", "in den 70er Jahren", "années 80" become "1990s"/"1970s"/
//! "1980s"; "oct–dec 2017" and "between march and june 2016" become
//! "between oct 2017 and dec 2017"; "2015-16" and "2023/24" become year
//! spans; "in '17" becomes "in 2017".
//!
//! Working on the text (not on parsed dates) keeps one grammar of ranges:
//! every later pattern sees a decade or a span written one way.

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("MONTH", MONTH)).expect("valid normalising regex")
}

/// English decade words, with or without "nineteen".
static DECADE_WORDS: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:nineteen[\s-]?)?(forties|fifties|sixties|seventies|eighties|nineties)\b|\b(noughties|two thousands)\b",
    )
});
/// "'90s", "90s", "90's", "’70s": a two-digit decade.
static SHORT_DECADE: Lazy<Regex> = Lazy::new(|| re(r"(?:^|[^\d'’])['’]?(\d)0['’]?s\b"));
/// "1990년대", "90년대".
static KOREAN_DECADE: Lazy<Regex> = Lazy::new(|| re(r"(\d{2}|\d{4})\s*년대"));
/// German "70er Jahre(n)", "1970er"; French "années 80", "annees 1980";
/// Spanish, Portuguese, Italian "años/anos/anni 80"; Russian "80-е".
static EUROPEAN_DECADE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(\d{2}|\d{4})er(?:\s*jahren?)?\b|\b(?:années|annees|años|anos|anni|decada de|década de)\s+(?:(?:19)?(\d0)|(\d{4}))\b|\b(\d{2}|\d{4})-(?:е|х)\b",
    )
});
/// "oct–dec 2017", "between march and june 2016", "from sept to nov 2017".
static MONTH_RANGE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:(?:between|from)\s+)?MONTH\s*(?:-|–|—|/|to|and|until|till|through|thru)\s*MONTH,?\s+(\d{4})\b",
    )
});
/// "2015-16", "2023/24", "2015–16": the second year written short.
static SHORT_SPAN: Lazy<Regex> =
    Lazy::new(|| re(r"\b(\d{2})(\d{2})\s*(-|–|—|/)\s*(\d{2})\b(?:[^\d\-]|$)"));
/// "in '17", "since ’98".
static APOSTROPHE_YEAR: Lazy<Regex> = Lazy::new(|| re(r"['’](\d{2})\b(?:[^s'’]|$)"));

/// The century a two-digit decade or year most likely means here: the
/// records run from the 1940s, so 40–99 are 19xx and 00–39 are 20xx.
fn century(two_digits: u32) -> u32 {
    if two_digits >= 40 {
        1900 + two_digits
    } else {
        2000 + two_digits
    }
}

fn decade_of(text: &str) -> Option<String> {
    let n: u32 = text.parse().ok()?;
    let year = if text.len() == 4 { n } else { century(n) };
    (year % 10 == 0).then(|| format!("{year}s"))
}

/// The text with every decade, month range and short year in one form.
pub fn rewrite(text: &str) -> String {
    let text = DECADE_WORDS.replace_all(text, |c: &Captures| {
        let word = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        let decade = match word {
            "forties" => "1940s",
            "fifties" => "1950s",
            "sixties" => "1960s",
            "seventies" => "1970s",
            "eighties" => "1980s",
            "nineties" => "1990s",
            _ => "2000s",
        };
        decade.to_owned()
    });
    let text = KOREAN_DECADE.replace_all(&text, |c: &Captures| {
        decade_of(&c[1]).unwrap_or_else(|| c[0].to_owned())
    });
    let text = EUROPEAN_DECADE.replace_all(&text, |c: &Captures| {
        let digits = c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .or_else(|| c.get(4))
            .map_or("", |m| m.as_str());
        decade_of(digits).unwrap_or_else(|| c[0].to_owned())
    });
    let text = SHORT_DECADE.replace_all(&text, |c: &Captures| {
        let whole = &c[0];
        let lead: String = whole
            .chars()
            .take_while(|ch| !ch.is_ascii_digit() && *ch != '\'' && *ch != '’')
            .collect();
        let digit: u32 = c[1].parse().unwrap_or(0);
        format!("{lead}{}s", century(digit * 10))
    });
    let text = MONTH_RANGE.replace_all(&text, |c: &Captures| {
        let (first, second, year) = (&c[1], &c[2], &c[3]);
        let first_year = match (
            super::month_number(first),
            super::month_number(second),
            year.parse::<i32>(),
        ) {
            // "nov–feb 2018" starts in the year before.
            (Some(a), Some(b), Ok(y)) if a > b => (y - 1).to_string(),
            _ => year.to_owned(),
        };
        format!("between {first} {first_year} and {second} {year}")
    });
    let text = SHORT_SPAN.replace_all(&text, |c: &Captures| {
        let (century_digits, start, separator, end) = (&c[1], &c[2], &c[3], &c[4]);
        let whole = &c[0];
        let tail_start = c.get(4).map_or(0, |m| m.end()) - c.get(0).map_or(0, |m| m.start());
        let tail = &whole[tail_start..];
        let (Ok(a), Ok(b)) = (start.parse::<u32>(), end.parse::<u32>()) else {
            return whole.to_owned();
        };
        // "2017-09" is a month; a span needs a later year, and with a
        // hyphen a second number of 12 or less stays a month.
        if b <= a || (separator == "-" && b <= 12) {
            return whole.to_owned();
        }
        format!("{century_digits}{start} to {century_digits}{end}{tail}")
    });
    let text = APOSTROPHE_YEAR.replace_all(&text, |c: &Captures| {
        let whole = &c[0];
        let n: u32 = c[1].parse().unwrap_or(0);
        let tail: String = whole.chars().skip(3).collect();
        format!("{}{tail}", century(n))
    });
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn decades_in_every_language() {
        for (text, decade) in [
            ("in the nineties", "1990s"),
            ("during the sixties", "1960s"),
            ("the '90s", "1990s"),
            ("in the 70s", "1970s"),
            ("the ’80s", "1980s"),
            ("1990년대 추방", "1990s"),
            ("70년대", "1970s"),
            ("in den 70er jahren", "1970s"),
            ("in den 1980er jahren", "1980s"),
            ("années 80", "1980s"),
            ("dans les annees 1990", "1990s"),
            ("en los años 70", "1970s"),
            ("negli anni 90", "1990s"),
            ("в 80-е годы", "1980s"),
        ] {
            let out = rewrite(text);
            assert!(out.contains(decade), "{text:?} became {out:?}");
        }
    }

    #[test]
    fn month_ranges_and_short_years() {
        assert!(rewrite("oct–dec 2017").contains("between oct 2017 and dec 2017"));
        assert!(rewrite("between march and june 2016").contains("between march 2016 and june 2016"));
        assert!(rewrite("nov-feb 2018").contains("between nov 2017 and feb 2018"));
        assert!(rewrite("closed 2015-16").contains("2015 to 2016"));
        assert!(rewrite("in 2023/24").contains("2023 to 2024"));
        assert!(rewrite("in '17").contains("in 2017"));
        // Months and full dates are left alone.
        assert_eq!(rewrite("as of 2017-09"), "as of 2017-09");
        assert_eq!(rewrite("on 2017-09-07"), "on 2017-09-07");
        assert_eq!(rewrite("2011-12"), "2011-12");
    }
}
