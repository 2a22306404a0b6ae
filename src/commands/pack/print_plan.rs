//! The print plan of an away-day pack: for each file, its paper, pages, sides and paper weight,
//! as types; and the one place that turns the plan into words: the print table (on the terminal
//! and in PRINT.txt), PRINT.txt itself, and the guide's lines for the printed files. The
//! aligned-columns helper is shared with the send table ([`super::send_plan`]).
//!
//! Every word of these texts comes from the pack's labels (`print.*`); the rest of the `pack`
//! command only builds the plan.

use crate::layout::poster::PosterSize;
use crate::pack::{Labels, Pack, Setting};
use crate::template::Paper;

/// The paper a file is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperSize {
    /// A4 or Letter, for the office printer.
    Office(Paper),
    /// A2, A1 or A0, for a print shop or a large-format printer.
    Poster(PosterSize),
}

/// How the sheets go through the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sides {
    Single,
    DoubleLongEdge,
    DoubleShortEdge,
}

impl Sides {
    /// Sheets of paper for `pages` pages.
    pub fn sheets(self, pages: usize) -> usize {
        match self {
            Sides::Single => pages,
            Sides::DoubleLongEdge | Sides::DoubleShortEdge => pages.div_ceil(2),
        }
    }
}

/// What a file is for, with the facts its description in the guide mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Guide,
    Poster,
    /// The poster tiled in `rows` x `cols` sheets.
    TiledPoster {
        rows: usize,
        cols: usize,
    },
    Handouts,
    Cards {
        cards: usize,
        per_page: u8,
    },
    /// The action plan; `fillable` when the team may type into it on the room's screen.
    ActionPlan {
        fillable: bool,
    },
}

/// One file of the pack and how to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedFile {
    /// The name inside the pack folder.
    pub file: String,
    pub purpose: Purpose,
    pub paper: PaperSize,
    pub pages: usize,
    pub sides: Sides,
}

impl PrintedFile {
    pub fn sheets(&self) -> usize {
        self.sides.sheets(self.pages)
    }
}

/// Every file of the pack, in folder order, and the personal copies of the handouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintPlan {
    pub files: Vec<PrintedFile>,
    /// Personal copies of the handouts in `handouts/`, printed like the handouts.
    pub personal: usize,
}

fn paper_name(p: PaperSize) -> &'static str {
    match p {
        PaperSize::Office(p) => p.name(),
        PaperSize::Poster(s) => s.name(),
    }
}

fn sides_words(labels: &Labels, s: Sides) -> String {
    labels.get(match s {
        Sides::Single => "print.single",
        Sides::DoubleLongEdge => "print.double_long",
        Sides::DoubleShortEdge => "print.double_short",
    })
}

/// The paper weight to use for a file, from the pack's labels.
fn weight_words(labels: &Labels, f: &PrintedFile) -> String {
    labels.get(match f.purpose {
        Purpose::Guide => "print.weight_guide",
        Purpose::Poster => "print.weight_poster",
        Purpose::TiledPoster { .. } => "print.weight_tiled",
        Purpose::Handouts => "print.weight_handouts",
        Purpose::Cards { .. } => "print.weight_cards",
        Purpose::ActionPlan { .. } => "print.weight_plan",
    })
}

/// What a file is for, one line in the guide's list of files.
fn purpose_words(labels: &Labels, f: &PrintedFile) -> String {
    match f.purpose {
        Purpose::Guide => labels.get("print.how_guide"),
        Purpose::Poster => labels.fill("print.how_poster", &[("size", paper_name(f.paper))]),
        Purpose::TiledPoster { rows, cols } => labels.fill(
            "print.how_tiled",
            &[
                ("sheets", &(rows * cols).to_string()),
                ("paper", paper_name(f.paper)),
                ("rows", &rows.to_string()),
                ("cols", &cols.to_string()),
            ],
        ),
        Purpose::Handouts => labels.get("print.how_handouts"),
        Purpose::Cards { cards, per_page } => labels.fill(
            "print.how_cards",
            &[
                ("cards", &cards.to_string()),
                ("per_page", &per_page.to_string()),
            ],
        ),
        Purpose::ActionPlan { fillable: false } => labels.get("print.how_plan"),
        Purpose::ActionPlan { fillable: true } => labels.get("print.how_plan_fillable"),
    }
}

/// The guide's lines for printed files: (file name, what it is for), the guide itself left out.
pub fn guide_items(labels: &Labels, files: &[PrintedFile]) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|f| f.purpose != Purpose::Guide)
        .map(|f| (f.file.clone(), purpose_words(labels, f)))
        .collect()
}

/// The guide's line for PRINT.txt.
pub fn print_txt_item(labels: &Labels) -> (String, String) {
    ("PRINT.txt".into(), labels.get("print.how_print_txt"))
}

/// The guide's line for the printed personal copies in `handouts/`.
pub fn personal_item(labels: &Labels) -> (String, String) {
    (
        labels.get("print.personal_file"),
        labels.get("print.how_personal"),
    )
}

/// Rows under a header, each column as wide as its widest cell and two spaces apart; the
/// columns in `right` aligned to the right. Every line ends without trailing spaces.
pub fn aligned(header: &[String], rows: &[Vec<String>], right: &[usize]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| -> String {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if right.contains(&i) {
                    format!("{v:>w$}", w = widths[i])
                } else {
                    format!("{v:<w$}", w = widths[i])
                }
            })
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut s = line(header);
    for r in rows {
        s.push_str(&line(r));
    }
    s
}

/// The aligned print table printed on standard output and in PRINT.txt, with the total of
/// office sheets.
pub fn table(labels: &Labels, plan: &PrintPlan) -> String {
    let header = [
        "print.col_file",
        "print.col_paper",
        "print.col_pages",
        "print.col_sheets",
        "print.col_sides",
        "print.col_scale",
        "print.col_weight",
    ]
    .map(|k| labels.get(k));
    let scale = labels.get("print.scale");
    let row = |file: String, f: &PrintedFile, each: bool| -> Vec<String> {
        let count = |n: usize| {
            if each {
                labels.fill("print.each", &[("count", &n.to_string())])
            } else {
                n.to_string()
            }
        };
        vec![
            file,
            paper_name(f.paper).to_string(),
            count(f.pages),
            count(f.sheets()),
            sides_words(labels, f.sides),
            scale.clone(),
            weight_words(labels, f),
        ]
    };
    let mut rows: Vec<Vec<String>> = plan
        .files
        .iter()
        .map(|f| row(f.file.clone(), f, false))
        .collect();
    if plan.personal > 0
        && let Some(h) = plan.files.iter().find(|f| f.purpose == Purpose::Handouts)
    {
        rows.push(row(
            labels.fill(
                "print.personal_row",
                &[("count", &plan.personal.to_string())],
            ),
            h,
            true,
        ));
    }
    // The pages and sheets columns are numbers, aligned to the right.
    let mut s = aligned(&header, &rows, &[2, 3]);
    let office: usize = plan
        .files
        .iter()
        .filter(|f| matches!(f.paper, PaperSize::Office(_)))
        .map(PrintedFile::sheets)
        .sum();
    let total = labels.fill("print.total", &[("sheets", &office.to_string())]);
    s.push_str(&format!("\n{total}\n"));
    s
}

/// The top of PRINT.txt and SEND.txt: the heading (label `heading`), the edition, the team and
/// setting, then the table.
pub fn txt_head(
    pack: &Pack,
    heading: &str,
    edition: &str,
    team: Option<&str>,
    setting: Setting,
    table: &str,
) -> String {
    let labels = &pack.labels;
    let mut s = format!("{}\n{edition}\n\n", labels.get(heading));
    if let Some(t) = team {
        s.push_str(&format!("{}\n", labels.fill("print.team", &[("team", t)])));
    }
    s.push_str(&format!(
        "{}\n\n",
        pack.setting_label("print.setting", setting, &[])
    ));
    s.push_str(table);
    s
}

/// PRINT.txt: the edition, the team and setting, the table, and how to print and cut.
pub fn print_txt(
    pack: &Pack,
    edition: &str,
    team: Option<&str>,
    setting: Setting,
    table: &str,
) -> String {
    let mut s = txt_head(pack, "print.heading", edition, team, setting, table);
    s.push_str(&format!(
        "\n{}\n",
        pack.labels.get("print.advice").trim_end()
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin;

    fn file(
        name: &str,
        purpose: Purpose,
        paper: PaperSize,
        pages: usize,
        sides: Sides,
    ) -> PrintedFile {
        PrintedFile {
            file: name.into(),
            purpose,
            paper,
            pages,
            sides,
        }
    }

    #[test]
    fn sheets_follow_the_sides() {
        assert_eq!(Sides::Single.sheets(5), 5);
        assert_eq!(Sides::DoubleLongEdge.sheets(5), 3);
        assert_eq!(Sides::DoubleShortEdge.sheets(4), 2);
    }

    #[test]
    fn table_rows_and_office_total() {
        let pack = builtin().expect("default pack");
        let plan = PrintPlan {
            files: vec![
                file(
                    "01-poster-a1.pdf",
                    Purpose::Poster,
                    PaperSize::Poster(PosterSize::A1),
                    1,
                    Sides::Single,
                ),
                file(
                    "02-handouts.pdf",
                    Purpose::Handouts,
                    PaperSize::Office(Paper::Letter),
                    10,
                    Sides::DoubleLongEdge,
                ),
                file(
                    "04-action-plan.pdf",
                    Purpose::ActionPlan { fillable: false },
                    PaperSize::Office(Paper::Letter),
                    1,
                    Sides::Single,
                ),
            ],
            personal: 3,
        };
        assert_eq!(
            table(&pack.labels, &plan),
            "FILE                 PAPER     PAGES  SHEETS  SIDES                            SCALE               PAPER WEIGHT\n\
             01-poster-a1.pdf     A1            1       1  single-sided                     100% / actual size  170 gsm silk or matt (print shop)\n\
             02-handouts.pdf      Letter       10       5  double-sided, flip on long edge  100% / actual size  80-100 gsm\n\
             04-action-plan.pdf   Letter        1       1  single-sided                     100% / actual size  80 gsm (or enlarge to A3 for the wall)\n\
             handouts/ (3 files)  Letter  10 each  5 each  double-sided, flip on long edge  100% / actual size  80-100 gsm\n\
             \nTotal on the office printer: 6 sheets (posters larger than A3 go to a print shop or use the tiled version).\n"
        );
        let items = guide_items(&pack.labels, &plan.files);
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[0].1,
            "The model on the wall: open the day with it and leave it up afterwards. A1 needs a print shop or a large-format printer."
        );
        assert_eq!(personal_item(&pack.labels).0, "handouts/<name>.pdf");
        assert_eq!(print_txt_item(&pack.labels).0, "PRINT.txt");
    }
}
