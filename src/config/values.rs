//! The checks of single values from the command line and the environment, each with the message
//! a person needs when the value is wrong. All of them are usage errors (exit code 2).

use crate::Error;
use crate::diag::Diagnostic;
use crate::fonts::unprintable;
use crate::layout::tiles::{self, TileError, fmt_mm};
use crate::template::Paper;
use std::fmt;
use std::path::Path;

/// The largest `--back-offset` accepted, in mm. Printers drift by a millimetre or two.
pub const MAX_BACK_OFFSET_MM: f32 = 10.0;

/// The largest `--bleed` accepted, in mm, before the card grid is known (which may allow less).
pub const MAX_BLEED_MM: f32 = 10.0;

/// The longest team name, in characters: it is printed in handout headers and poster titles.
pub const MAX_TEAM_CHARS: usize = 60;

/// How far to shift every card back to correct the printer's front-to-back drift.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BackOffset {
    /// Millimetres to the right, each within ±[`MAX_BACK_OFFSET_MM`].
    pub right_mm: f32,
    /// Millimetres down, each within ±[`MAX_BACK_OFFSET_MM`].
    pub down_mm: f32,
}

impl BackOffset {
    /// `X,Y` in millimetres, each within ±[`MAX_BACK_OFFSET_MM`].
    pub fn parse(s: &str) -> Result<BackOffset, Error> {
        let bad = || {
            Error::Usage(
                Diagnostic::error(format!(
                    "`--back-offset {s}` is not two numbers in the form X,Y"
                ))
                .help("give the shift of the backs in millimetres, right then down, e.g. --back-offset 1.5,-0.5 (print the sheet from --calibration to measure it)"),
            )
        };
        let (x, y) = s.split_once(',').ok_or_else(bad)?;
        let num = |v: &str| v.trim().parse::<f32>().ok().filter(|n| n.is_finite());
        let (x, y) = (num(x).ok_or_else(bad)?, num(y).ok_or_else(bad)?);
        if x.abs() > MAX_BACK_OFFSET_MM || y.abs() > MAX_BACK_OFFSET_MM {
            return Err(Error::Usage(
                Diagnostic::error(format!(
                    "`--back-offset {s}` moves the backs more than {MAX_BACK_OFFSET_MM} mm"
                ))
                .help("printers drift by a millimetre or two; measure the drift with --calibration and give what it reads"),
            ));
        }
        Ok(BackOffset {
            right_mm: x,
            down_mm: y,
        })
    }

    /// (right, down) in millimetres, as the layout takes it.
    pub fn mm(self) -> (f32, f32) {
        (self.right_mm, self.down_mm)
    }
}

/// `--bleed` must be a length from 0 to [`MAX_BLEED_MM`]. The card grid may allow less; the
/// layout says how much when it does.
pub fn check_bleed(bleed_mm: f32) -> Result<f32, Error> {
    if bleed_mm.is_finite() && (0.0..=MAX_BLEED_MM).contains(&bleed_mm) {
        return Ok(bleed_mm);
    }
    let message = if bleed_mm.is_finite() && bleed_mm > 0.0 {
        format!("`--bleed {bleed_mm}` is more than {MAX_BLEED_MM} mm")
    } else {
        format!("`--bleed {bleed_mm}` is not a length of 0 mm or more")
    };
    Err(Error::Usage(Diagnostic::error(message).help(
        "give the bleed in millimetres, e.g. --bleed 3 (what print shops usually ask for)",
    )))
}

/// `--overlap` must be a length from 0 up to less than half the sheet's printable width.
pub fn check_overlap(overlap_mm: f32, paper: Paper) -> Result<f32, Error> {
    match tiles::plan((1.0, 1.0), paper, overlap_mm) {
        Ok(_) => Ok(overlap_mm),
        Err(e) => Err(overlap_error(&e, paper)),
    }
}

/// The message for an overlap the tiles on `paper` cannot have.
pub fn overlap_error(e: &TileError, paper: Paper) -> Error {
    let TileError::Overlap { overlap_mm, max_mm } = *e;
    let help = format!(
        "use an overlap from 0 to {} mm; 10 mm is usual",
        fmt_mm(max_mm - 1.0)
    );
    let message = if overlap_mm.is_finite() && overlap_mm >= 0.0 {
        format!(
            "--overlap {} mm is too large for {} sheets: it must be less than half the printable width ({} mm)",
            fmt_mm(overlap_mm),
            paper.name(),
            fmt_mm(max_mm)
        )
    } else {
        format!("--overlap {overlap_mm} is not a length of 0 mm or more")
    };
    Error::Usage(Diagnostic::error(message).help(help))
}

/// The team name, trimmed: not empty, at most [`MAX_TEAM_CHARS`] characters, on one line, and
/// printable by the bundled font in every face.
pub fn check_team(team: &str) -> Result<String, Error> {
    let team = team.trim();
    let usage = |message: String, help: &str| Error::Usage(Diagnostic::error(message).help(help));
    if team.is_empty() {
        return Err(usage(
            "--team is empty".to_string(),
            "give the team's name, e.g. --team \"Northside Family Support\", or leave out --team",
        ));
    }
    let chars = team.chars().count();
    if chars > MAX_TEAM_CHARS {
        return Err(usage(
            format!("the team name has {chars} characters, more than {MAX_TEAM_CHARS}"),
            "shorten --team; it is printed in the header of every handout and on the poster",
        ));
    }
    if let Some(c) = team.chars().find(|c| c.is_control()) {
        return Err(usage(
            format!(
                "the team name contains a control character (U+{:04X}), such as a line break",
                u32::from(c)
            ),
            "write the team name on one line",
        ));
    }
    if let Some(c) = unprintable(team) {
        return Err(usage(
            format!(
                "the team name uses `{c}` (U+{:04X}), which the bundled font cannot print",
                u32::from(c)
            ),
            "spell it with Latin letters (accents are fine), or leave that character out",
        ));
    }
    Ok(team.to_string())
}

/// `--logo-alt`, trimmed: only with `--logo`, not empty, and on one line.
pub fn check_logo_alt(logo: Option<&Path>, alt: Option<&str>) -> Result<Option<String>, Error> {
    let usage = |message: String, help: &str| Error::Usage(Diagnostic::error(message).help(help));
    let Some(alt) = alt.map(str::trim) else {
        return Ok(None);
    };
    if logo.is_none() {
        return Err(usage(
            "--logo-alt describes the logo, so it needs --logo".to_string(),
            "add --logo FILE, or leave out --logo-alt",
        ));
    }
    if alt.is_empty() {
        return Err(usage(
            "--logo-alt is empty".to_string(),
            "say in a few words what the logo shows, e.g. --logo-alt \"Northside Family Support logo\", or leave out --logo-alt for \"Logo of TEAM\"",
        ));
    }
    if let Some(c) = alt.chars().find(|c| c.is_control()) {
        return Err(usage(
            format!(
                "the logo's alternative text contains a control character (U+{:04X}), such as a line break",
                u32::from(c)
            ),
            "write --logo-alt on one line",
        ));
    }
    Ok(Some(alt.to_string()))
}

/// A calendar date (proleptic Gregorian, years 1 to 9999), printed as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The last second of 9999-12-31, the latest `SOURCE_DATE_EPOCH` that makes a four-digit year.
const MAX_EPOCH: i64 = 253_402_300_799;

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

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// `--date YYYY-MM-DD`: the form, then that the day exists (2026-02-30 does not).
    pub fn parse(s: &str) -> Result<Date, Error> {
        let not_a_date = |why: Option<String>| {
            let message = match why {
                None => format!("`{s}` is not a date in the form YYYY-MM-DD"),
                Some(why) => format!("`{s}` is not a date: {why}"),
            };
            Error::Usage(Diagnostic::error(message).help("write the date like 2026-11-24"))
        };
        let b = s.as_bytes();
        let form = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !form {
            return Err(not_a_date(None));
        }
        // Only ASCII digits are left, so these cannot fail.
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if year == 0 {
            return Err(not_a_date(Some("there is no year 0".into())));
        }
        let Ok(month) = u8::try_from(month) else {
            return Err(not_a_date(None));
        };
        if !(1..=12).contains(&month) {
            return Err(not_a_date(Some(format!("there is no month {month}"))));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > u16::from(last) {
            return Err(not_a_date(Some(format!(
                "{} {year} has {last} days",
                MONTHS[usize::from(month - 1)]
            ))));
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// The day (UTC) of a Unix time, by Howard Hinnant's days-to-civil algorithm; `None` before
    /// 1970 or after 9999.
    pub fn from_unix(secs: i64) -> Option<Date> {
        if !(0..=MAX_EPOCH).contains(&secs) {
            return None;
        }
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Some(Date {
            year: u16::try_from(y).ok()?,
            month: u8::try_from(m).ok()?,
            day: u8::try_from(d).ok()?,
        })
    }

    /// The date of `SOURCE_DATE_EPOCH` when it is set and not blank.
    pub fn from_epoch_var(value: Option<&str>) -> Result<Option<Date>, Error> {
        let Some(s) = value.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        let help = "set it to a Unix time such as 1795392000, or unset it";
        let Ok(secs) = s.parse::<i64>() else {
            return Err(Error::Usage(
                Diagnostic::error(format!(
                    "SOURCE_DATE_EPOCH `{s}` is not a number of seconds"
                ))
                .help(help),
            ));
        };
        match Date::from_unix(secs) {
            Some(d) => Ok(Some(d)),
            None => Err(Error::Usage(
                Diagnostic::error(format!(
                    "SOURCE_DATE_EPOCH `{s}` is not between 1970 and the end of 9999"
                ))
                .help(help),
            )),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
