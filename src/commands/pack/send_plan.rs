//! The send plan of an online or hybrid pack: which files are e-mailed, to whom and when, as
//! types; and the one place that turns it into words: the send table (on the terminal for an
//! online team, and in SEND.txt), SEND.txt itself, and the guide's lines for the files made
//! for the screen.
//!
//! Every word of these texts comes from the pack's labels (`send.*`); the rest of the `pack`
//! command only builds the plan.

use super::print_plan::aligned;
use crate::pack::{Labels, Pack, Setting};

/// Who a file is e-mailed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Everyone,
    /// Everyone who has no personal copy (a roster was given).
    EveryoneElse,
    /// The people joining a hybrid day on screen.
    Remote,
    /// The people joining on screen who have no personal copy.
    RemoteElse,
    /// The colleague who co-hosts the call and watches the chat.
    Cohost,
    /// One person, by name: their personal copy.
    Person(String),
    /// One person of a hybrid team, if they join on screen.
    RemotePerson(String),
}

/// When a file is e-mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Before the day, so people can check that they can open and type in it.
    Before,
    /// After the day, once filled in.
    After,
}

/// One e-mailed file: its path inside the pack folder, who gets it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentFile {
    pub file: String,
    pub to: Recipient,
    pub when: When,
}

/// What a file made for the screen is for: the guide's line about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenPurpose {
    /// The 16:9 poster.
    Poster,
    /// The on-screen cue cards, for an online or a hybrid day.
    Slides(Setting),
    /// The action plan, filled in on a shared screen.
    ActionPlan,
    /// The fillable handouts, one per domain.
    Handouts,
}

fn recipient_words(labels: &Labels, to: &Recipient) -> String {
    match to {
        Recipient::Everyone => labels.get("send.to_everyone"),
        Recipient::EveryoneElse => labels.get("send.to_others"),
        Recipient::Remote => labels.get("send.to_remote"),
        Recipient::RemoteElse => labels.get("send.to_remote_others"),
        Recipient::Cohost => labels.get("send.to_cohost"),
        Recipient::Person(name) => name.clone(),
        Recipient::RemotePerson(name) => labels.fill("send.to_person_remote", &[("name", name)]),
    }
}

/// What a screen file is for, one line in the guide's list of files.
pub fn purpose_words(labels: &Labels, p: ScreenPurpose) -> String {
    labels.get(match p {
        ScreenPurpose::Poster => "send.how_screen_poster",
        ScreenPurpose::Slides(Setting::Hybrid) => "send.how_slides_hybrid",
        ScreenPurpose::Slides(_) => "send.how_slides_online",
        ScreenPurpose::ActionPlan => "send.how_plan",
        ScreenPurpose::Handouts => "send.how_handouts",
    })
}

/// The guide's name for a folder of `count` files: `handouts/ (5 files)`.
pub fn folder_item(labels: &Labels, folder: &str, count: usize) -> String {
    labels.fill(
        "send.files",
        &[("folder", folder), ("count", &count.to_string())],
    )
}

/// The guide's line for SEND.txt.
pub fn send_txt_item(labels: &Labels) -> (String, String) {
    ("SEND.txt".into(), labels.get("send.how_send_txt"))
}

/// The aligned send table, on standard output for an online team and in SEND.txt: the files
/// to send before the day, then those to send after it.
pub fn table(labels: &Labels, files: &[SentFile]) -> String {
    let header = ["send.col_file", "send.col_to", "send.col_when"].map(|k| labels.get(k));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for when in [When::Before, When::After] {
        for f in files.iter().filter(|f| f.when == when) {
            rows.push(vec![
                f.file.clone(),
                recipient_words(labels, &f.to),
                labels.get(match when {
                    When::Before => "send.when_before",
                    When::After => "send.when_after",
                }),
            ]);
        }
    }
    aligned(&header, &rows, &[])
}

/// SEND.txt: the edition, the team and setting, the table, then how to send the files, how to
/// fill them in with a free reader, how to send them back, and a message to send with them.
pub fn send_txt(
    pack: &Pack,
    edition: &str,
    team: Option<&str>,
    setting: Setting,
    table: &str,
) -> String {
    let labels = &pack.labels;
    let mut s = super::print_plan::txt_head(pack, "send.heading", edition, team, setting, table);
    for (heading, text) in [
        ("send.before_heading", "send.before"),
        ("send.fill_heading", "send.fill"),
        ("send.back_heading", "send.back"),
        ("send.message_heading", "send.message"),
    ] {
        s.push_str(&format!(
            "\n{}\n{}\n",
            labels.get(heading),
            labels.get(text).trim_end()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin;

    fn sent(file: &str, to: Recipient, when: When) -> SentFile {
        SentFile {
            file: file.into(),
            to,
            when,
        }
    }

    #[test]
    fn table_puts_what_comes_after_the_day_last() {
        let pack = builtin().expect("default pack");
        let files = [
            sent("03-action-plan.pdf", Recipient::Everyone, When::After),
            sent("01-poster-screen.pdf", Recipient::Everyone, When::Before),
            sent(
                "personal/zoe.pdf",
                Recipient::Person("Zoë".into()),
                When::Before,
            ),
            sent("02-slides.pdf", Recipient::Cohost, When::Before),
        ];
        assert_eq!(
            table(&pack.labels, &files),
            "FILE                  SEND TO                             WHEN\n\
             01-poster-screen.pdf  everyone                            two working days before\n\
             personal/zoe.pdf      Zoë                                 two working days before\n\
             02-slides.pdf         your co-host, who watches the chat  two working days before\n\
             03-action-plan.pdf    everyone                            after the day, once filled in\n"
        );
    }
}
