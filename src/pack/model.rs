//! The pack as the user writes it (serde types that mirror the RON files, with
//! `deny_unknown_fields`) and the checked pack the rest of the program uses.
//!
//! Nothing here reads files or validates; see `source.rs` and `validate/`.

use crate::diag::Location;
use serde::Deserialize;
use std::fmt;

/// Where a team works. The three settings are fixed because layouts depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Office,
    Online,
    Hybrid,
}

impl Setting {
    pub const ALL: [Setting; 3] = [Setting::Office, Setting::Online, Setting::Hybrid];

    pub fn id(self) -> &'static str {
        match self {
            Setting::Office => "office",
            Setting::Online => "online",
            Setting::Hybrid => "hybrid",
        }
    }

    /// Online and hybrid questions are grouped by stage; office ones are one list.
    pub fn uses_stages(self) -> bool {
        self != Setting::Office
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// `pack.ron` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "pack")]
pub struct PackFile {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    #[serde(default)]
    pub intro: String,
    pub citations: Vec<String>,
    #[serde(default)]
    pub footer_citation: String,
    pub stages: Vec<StageFile>,
    pub settings: Vec<SettingFile>,
    pub domains: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "stage")]
pub struct StageFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "setting")]
pub struct SettingFile {
    pub id: Setting,
    pub name: String,
    #[serde(default)]
    pub summary: String,
}

/// `domains/<id>.ron` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "domain")]
pub struct DomainFile {
    pub id: String,
    pub code: String,
    pub name: String,
    pub belief: String,
    pub colour: String,
    pub summary: String,
    pub questions: Vec<QuestionFile>,
    #[serde(default)]
    pub ideas: IdeasFile,
    /// Questions for one-to-one supervision (`handout --for supervision`).
    #[serde(default)]
    pub supervision: Vec<SupervisionQuestionFile>,
}

/// Which part of the supervision sheet a question belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// "Before the session, for you": the supervisor reflects on their own part.
    Before,
    /// "To explore together": asked of the supervisee.
    Together,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "supervision_question")]
pub struct SupervisionQuestionFile {
    pub id: String,
    pub part: Part,
    pub text: String,
    pub settings: Vec<Setting>,
    #[serde(default)]
    pub follow_up: Option<String>,
    #[serde(default)]
    pub core: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "question")]
pub struct QuestionFile {
    pub id: String,
    pub text: String,
    pub settings: Vec<Setting>,
    #[serde(default)]
    pub stage: Option<String>,
    /// A second, smaller ask printed beneath the question.
    #[serde(default)]
    pub follow_up: Option<String>,
    /// In the core set for short sessions (`--core`).
    #[serde(default)]
    pub core: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "ideas")]
pub struct IdeasFile {
    #[serde(default)]
    pub office: Vec<String>,
    #[serde(default)]
    pub online: Vec<String>,
    #[serde(default)]
    pub hybrid: Vec<String>,
}

/// An sRGB colour, 0-255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// `#RRGGBB`
    pub fn parse_hex(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        Some(Rgb(p(0)?, p(2)?, p(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever reads better on this colour.
    pub fn text_colour(self) -> Rgb {
        if self.contrast(Rgb::BLACK) >= self.contrast(Rgb::WHITE) {
            Rgb::BLACK
        } else {
            Rgb::WHITE
        }
    }

    /// Mix with black: `t` = 0 keeps the colour, 1 gives black.
    pub fn shade(self, t: f64) -> Rgb {
        let m = |c: u8| (f64::from(c) * (1.0 - t)).round() as u8;
        Rgb(m(self.0), m(self.1), m(self.2))
    }

    /// This colour darkened just enough to be read as text on white paper (4.5:1 or more).
    pub fn on_white(self) -> Rgb {
        let mut t = 0.0;
        let mut c = self;
        while c.contrast(Rgb::WHITE) < 4.6 && t < 1.0 {
            t += 0.05;
            c = self.shade(t);
        }
        c
    }
}

/// A checked pack: every reference resolved, every id unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub intro: String,
    pub citations: Vec<String>,
    pub footer_citation: String,
    pub stages: Vec<Stage>,
    pub settings: Vec<SettingInfo>,
    pub domains: Vec<Domain>,
    /// Every printed word that is not content (`labels.ron`).
    pub labels: super::labels::Labels,
    /// The facilitator guide (`guide.ron`).
    pub guide: super::guide::Guide,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SettingInfo {
    pub id: Setting,
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub id: String,
    pub code: String,
    pub name: String,
    pub belief: String,
    pub colour: Rgb,
    pub summary: String,
    pub questions: Vec<Question>,
    pub ideas: Ideas,
    pub supervision: Vec<SupervisionQuestion>,
    /// Where the domain's id is written, for messages about the domain as a whole.
    pub location: Location,
}

/// A question for one-to-one supervision.
#[derive(Debug, Clone, PartialEq)]
pub struct SupervisionQuestion {
    pub id: String,
    pub part: Part,
    pub text: String,
    pub follow_up: Option<String>,
    pub settings: Vec<Setting>,
    pub core: bool,
    /// Where the question's `text:` is written, for messages about its wording (a question too
    /// long for its card points here without reading the file again).
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ideas {
    pub office: Vec<String>,
    pub online: Vec<String>,
    pub hybrid: Vec<String>,
}

impl Ideas {
    pub fn for_setting(&self, s: Setting) -> &[String] {
        match s {
            Setting::Office => &self.office,
            Setting::Online => &self.online,
            Setting::Hybrid => &self.hybrid,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub settings: Vec<Setting>,
    /// Index into `Pack::stages`.
    pub stage: Option<usize>,
    /// A short code printed on cards, e.g. `AV-2.3`: domain code, stage number (0 without a
    /// stage), and the question's place among the domain's questions of that stage.
    pub code: String,
    pub follow_up: Option<String>,
    pub core: bool,
    /// Where the question's `text:` is written, for messages about its wording (a question too
    /// long for its card points here without reading the file again).
    pub location: Location,
}

impl Question {
    pub fn suits(&self, s: Setting) -> bool {
        self.settings.contains(&s)
    }
}

impl Pack {
    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
    pub fn declares(&self, s: Setting) -> bool {
        self.settings.iter().any(|x| x.id == s)
    }
    pub fn setting_info(&self, s: Setting) -> Option<&SettingInfo> {
        self.settings.iter().find(|x| x.id == s)
    }
    pub fn question_count(&self) -> usize {
        self.domains.iter().map(|d| d.questions.len()).sum()
    }
    /// "team-secure-base 1.0"
    pub fn edition(&self) -> String {
        format!("{} {}", self.id, self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((Rgb::BLACK.contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        let blue = Rgb::parse_hex("#0072B2").unwrap();
        assert_eq!(blue.text_colour(), Rgb::WHITE);
        assert!(blue.contrast(Rgb::WHITE) >= 4.5);
        assert_eq!(Rgb::parse_hex("0072B2"), None);
        assert_eq!(Rgb::parse_hex("#0072B"), None);
    }
}
