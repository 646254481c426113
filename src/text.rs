//! Text folding shared by every lookup: what "the same spelling" means.

/// Folds a user's spelling for comparison: diacritics dropped (Hangul and
/// other non-Latin scripts kept as typed), lower case, punctuation to spaces,
/// spaces collapsed, a leading "the" removed.
///
/// "The Côte d'Ivoire!" and "cote d ivoire" fold to the same key.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            push(&mut out, &mut pending_space, ch.to_ascii_lowercase());
        } else if ch.is_ascii() {
            // Apostrophes join ("cote d'ivoire" = "cote divoire" is not wanted:
            // treat them as spaces like other punctuation).
            pending_space = true;
        } else if is_latin_like(ch) {
            for c in deunicode::deunicode_char(ch).unwrap_or(" ").chars() {
                if c.is_ascii_alphanumeric() {
                    push(&mut out, &mut pending_space, c.to_ascii_lowercase());
                } else {
                    pending_space = true;
                }
            }
        } else if ch.is_alphanumeric() {
            for c in ch.to_lowercase() {
                push(&mut out, &mut pending_space, c);
            }
        } else {
            pending_space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => out,
    }
}

fn push(out: &mut String, pending_space: &mut bool, ch: char) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push(ch);
}

/// Latin letters with diacritics (and similar) that should fold to ASCII;
/// other scripts (Hangul, Cyrillic, CJK) keep their own letters so that
/// "북한" is not turned into a romanisation that collides with English words.
fn is_latin_like(ch: char) -> bool {
    matches!(ch as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2018..=0x201F)
}

/// Cuts `text` to at most `max` characters, at a word boundary when one is
/// near, and marks the cut with "…".
pub fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let keep: String = text.chars().take(max - 1).collect();
    let cut = match keep.rfind(char::is_whitespace) {
        Some(i) if keep[..i].chars().count() * 4 >= max * 3 => keep[..i].trim_end().to_owned(),
        _ => keep,
    };
    format!("{cut}…")
}

/// The text with its first letter in upper case ("closed" → "Closed").
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text with its first letter in lower case ("Embassy in Rome" → "embassy in Rome").
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Number of characters as Discord counts them (Unicode scalar values).
pub fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Function words that never change what a question asks; anything else
/// that no clue used is reported back as "words that changed nothing".
pub const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "and",
    "or",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "it",
    "its",
    "as",
    "with",
    "from",
    "that",
    "this",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
    "about",
    "tell",
    "me",
    "us",
    "any",
    "all",
    "there",
    "their",
    "they",
    "than",
    "not",
    "no",
    "s",
    "per",
    "also",
    "into",
    "can",
    "you",
    "i",
    "my",
    "we",
    "our",
    "please",
    "show",
    "list",
    "give",
    "know",
    "still",
    "ever",
    "now",
    "currently",
    "today",
    "get",
    "got",
    "so",
    "many",
    "much",
    "some",
    "were",
    "will",
    "would",
    "could",
    "should",
    "de",
    "du",
    "en",
    "la",
    "le",
    "les",
    "el",
    "los",
    "las",
    "del",
    "der",
    "die",
    "das",
    "in",
    "im",
    "di",
    "da",
    "do",
    "its",
    "his",
    "her",
    "which",
    "whose",
    "been",
    "being",
    "happened",
    "happen",
    "up",
    "since",
    "until",
    "before",
    "after",
    "between",
    "during",
    "over",
    "time",
    "them",
    "these",
    "those",
    "one",
    "ones",
    "out",
    "off",
    "other",
    "others",
    "kept",
    "keep",
    "kind",
    "sort",
    "type",
    // Korean endings and question words
    "있나요",
    "있습니까",
    "있어요",
    "있니",
    "있는",
    "어디에",
    "언제",
    "왜",
    "무엇",
    "알려줘",
    "했나요",
    "했어요",
    "대해",
    "누구",
    "누가",
    "어느",
    "몇",
    "개",
    "곳",
    "현재",
    "지금",
    // French, Spanish, German, Italian question words
    "est",
    "ce",
    "que",
    "qui",
    "quand",
    "ou",
    "y",
    "a",
    "il",
    "une",
    "un",
    "des",
    "hay",
    "una",
    "donde",
    "cuando",
    "gibt",
    "es",
    "eine",
    "ein",
    "wo",
    "wann",
    "ist",
    "c",
    "e",
    "dove",
    "quando",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_punctuation_and_the() {
        assert_eq!(fold("The Côte d'Ivoire!"), "cote d ivoire");
        assert_eq!(fold("  BRASÍLIA  "), "brasilia");
        assert_eq!(fold("São Tomé and Príncipe"), "sao tome and principe");
        assert_eq!(fold("북한"), "북한");
        assert_eq!(fold("the"), "the");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn truncation_respects_the_limit_and_marks_the_cut() {
        let long = "word ".repeat(100);
        let cut = truncate_chars(&long, 50);
        assert!(chars(&cut) <= 50);
        assert!(cut.ends_with('…'));
        assert!(!cut.contains("wor…"), "cut mid-word: {cut}");
        assert_eq!(truncate_chars("short", 50), "short");
        assert_eq!(chars(&truncate_chars(&"é".repeat(300), 256)), 256);
    }
}
