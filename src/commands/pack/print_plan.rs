//! The print plan of an away-day pack: for each file, its paper, pages, sides and paper weight,
//! as types; and the one place that turns the plan into words: the print table (on the terminal
//! and in PRINT.txt), PRINT.txt itself, and the guide's list of what each file is for.
//!
//! Every English word of these texts is in this file and nowhere else, so that they can move
//! into the pack's labels in one step. The rest of the `pack` command only builds the plan.

use crate::layout::poster::PosterSize;
use crate::pack::Setting;
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

/// What the paper is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stock {
    Paper,
    Card,
    SilkOrMatt,
}

/// The paper weight to use: grams per square metre, from `gsm.0` to `gsm.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub gsm: (u16, u16),
    pub stock: Stock,
}

impl Weight {
    /// Ordinary paper of `gsm` grams.
    pub const fn paper(gsm: u16) -> Weight {
        Weight {
            gsm: (gsm, gsm),
            stock: Stock::Paper,
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
    ActionPlan,
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
    pub weight: Weight,
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

/// Every column of the table shows this scale.
const SCALE: &str = "100% / actual size";

fn paper_name(p: PaperSize) -> &'static str {
    match p {
        PaperSize::Office(p) => p.name(),
        PaperSize::Poster(s) => s.name(),
    }
}

fn sides_words(s: Sides) -> &'static str {
    match s {
        Sides::Single => "single-sided",
        Sides::DoubleLongEdge => "double-sided, flip on long edge",
        Sides::DoubleShortEdge => "double-sided, flip on short edge",
    }
}

fn weight_words(f: &PrintedFile) -> String {
    let Weight {
        gsm: (lo, hi),
        stock,
    } = f.weight;
    let mut s = if lo == hi {
        format!("{lo} gsm")
    } else {
        format!("{lo}-{hi} gsm")
    };
    s.push_str(match stock {
        Stock::Paper => "",
        Stock::Card => " card",
        Stock::SilkOrMatt => " silk or matt",
    });
    if matches!(f.paper, PaperSize::Poster(_)) {
        s.push_str(" (print shop)");
    }
    if f.purpose == Purpose::ActionPlan {
        s.push_str(" (or enlarge to A3 for the wall)");
    }
    s
}

/// What a file is for, one line in the guide's list of files.
fn purpose_words(f: &PrintedFile) -> String {
    match f.purpose {
        Purpose::Guide => {
            "For the facilitator: the model, a plan for the day and how to use everything.".into()
        }
        Purpose::Poster => format!(
            "The model on the wall: open the day with it and leave it up afterwards. {} needs a print shop or a large-format printer.",
            paper_name(f.paper)
        ),
        Purpose::TiledPoster { rows, cols } => format!(
            "The same poster on {} {} sheets ({rows} x {cols}) for an office printer: trim the glue margins and join the sheets as the first page shows.",
            rows * cols,
            paper_name(f.paper),
        ),
        Purpose::Handouts => "One handout per domain, for small groups or pairs to write on. Print one set per group, or use the personal copies.".into(),
        Purpose::Cards { cards, per_page } => format!(
            "{cards} cue cards, {per_page} per sheet, to sort, draw and discuss in small groups. Print double-sided (flip on long edge), then cut on the crop marks."
        ),
        Purpose::ActionPlan => "Fill in together at the end of the day: one or two actions per domain, who starts them and by when.".into(),
    }
}

/// The guide's list of files: (file name, what it is for), for `files` (the guide itself left
/// out), the personal copies when there are some, and PRINT.txt.
pub fn guide_items(files: &[PrintedFile], personal: bool) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.purpose != Purpose::Guide)
        .map(|f| (f.file.clone(), purpose_words(f)))
        .collect();
    if personal {
        items.push((
            "handouts/<name>.pdf".into(),
            "A personal copy of all the handouts for each participant, with their name in the header.".into(),
        ));
    }
    items.push((
        "PRINT.txt".into(),
        "Paper, sheets and printer settings for every file.".into(),
    ));
    items
}

/// The aligned print table printed on standard output and in PRINT.txt, with the total of
/// office sheets.
pub fn table(plan: &PrintPlan) -> String {
    let header = [
        "FILE",
        "PAPER",
        "PAGES",
        "SHEETS",
        "SIDES",
        "SCALE",
        "PAPER WEIGHT",
    ];
    let row = |file: String, f: &PrintedFile, each: &str| -> Vec<String> {
        vec![
            file,
            paper_name(f.paper).to_string(),
            format!("{}{each}", f.pages),
            format!("{}{each}", f.sheets()),
            sides_words(f.sides).to_string(),
            SCALE.to_string(),
            weight_words(f),
        ]
    };
    let mut rows: Vec<Vec<String>> = plan
        .files
        .iter()
        .map(|f| row(f.file.clone(), f, ""))
        .collect();
    if plan.personal > 0
        && let Some(h) = plan.files.iter().find(|f| f.purpose == Purpose::Handouts)
    {
        rows.push(row(
            format!("handouts/ ({} files)", plan.personal),
            h,
            " each",
        ));
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| -> String {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i == 2 || i == 3 {
                    format!("{v:>w$}", w = widths[i])
                } else {
                    format!("{v:<w$}", w = widths[i])
                }
            })
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut s = line(&header.map(String::from));
    for r in &rows {
        s.push_str(&line(r));
    }
    let office: usize = plan
        .files
        .iter()
        .filter(|f| matches!(f.paper, PaperSize::Office(_)))
        .map(PrintedFile::sheets)
        .sum();
    s.push_str(&format!("\nTotal on the office printer: {office} sheets (posters larger than A3 go to a print shop or use the tiled version).\n"));
    s
}

/// PRINT.txt: the edition, the team and setting, the table, and how to print and cut.
pub fn print_txt(edition: &str, team: Option<&str>, setting: Setting, table: &str) -> String {
    let mut s = format!("How to print this away-day pack\n{edition}\n\n");
    if let Some(t) = team {
        s.push_str(&format!("Team: {t}\n"));
    }
    s.push_str(&format!("Setting: {}\n\n", setting.id()));
    s.push_str(table);
    s.push_str(
        "\nFor every file: print at 100% / actual size (turn off \"fit to page\" or \"shrink to fit\"),\n\
         so cards match their cut marks and poster tiles overlap as drawn.\n\
         Cue cards: print the first sheet double-sided and check that the back lines up with the front\n\
         before printing the rest; `securebase cards --calibration` prints a test sheet for this.\n\
         Cut the cards along the crop marks with a guillotine or a craft knife and ruler.\n\
         Tiled poster: trim each tile on its glue margin and overlap it on its neighbour, following\n\
         the assembly key on the first page.\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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
            weight: Weight::paper(80),
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
        let mut poster = file(
            "01-poster-a1.pdf",
            Purpose::Poster,
            PaperSize::Poster(PosterSize::A1),
            1,
            Sides::Single,
        );
        poster.weight = Weight {
            gsm: (170, 170),
            stock: Stock::SilkOrMatt,
        };
        let plan = PrintPlan {
            files: vec![
                poster,
                file(
                    "02-handouts.pdf",
                    Purpose::Handouts,
                    PaperSize::Office(Paper::Letter),
                    10,
                    Sides::DoubleLongEdge,
                ),
                file(
                    "04-action-plan.pdf",
                    Purpose::ActionPlan,
                    PaperSize::Office(Paper::Letter),
                    1,
                    Sides::Single,
                ),
            ],
            personal: 3,
        };
        assert_eq!(
            table(&plan),
            "FILE                 PAPER     PAGES  SHEETS  SIDES                            SCALE               PAPER WEIGHT\n\
             01-poster-a1.pdf     A1            1       1  single-sided                     100% / actual size  170 gsm silk or matt (print shop)\n\
             02-handouts.pdf      Letter       10       5  double-sided, flip on long edge  100% / actual size  80 gsm\n\
             04-action-plan.pdf   Letter        1       1  single-sided                     100% / actual size  80 gsm (or enlarge to A3 for the wall)\n\
             handouts/ (3 files)  Letter  10 each  5 each  double-sided, flip on long edge  100% / actual size  80 gsm\n\
             \nTotal on the office printer: 6 sheets (posters larger than A3 go to a print shop or use the tiled version).\n"
        );
        let items = guide_items(&plan.files, true);
        assert_eq!(items.len(), 5);
        assert_eq!(
            items[0].1,
            "The model on the wall: open the day with it and leave it up afterwards. A1 needs a print shop or a large-format printer."
        );
        assert_eq!(items[3].0, "handouts/<name>.pdf");
        assert_eq!(items[4].0, "PRINT.txt");
    }
}
