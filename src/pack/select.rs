//! Choosing questions: by setting, domain and stage, always in the pack's own order.

use super::model::{Domain, Pack, Question, Setting};

/// A run of questions under one heading: a stage, or (for office) the whole list.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// Index into `Pack::stages`, or `None` for the office list.
    pub stage: Option<usize>,
    pub questions: Vec<&'a Question>,
}

/// The questions of one domain for a setting, grouped by stage for online and hybrid.
/// `stage` narrows to one stage (index into `Pack::stages`).
pub fn groups<'a>(
    pack: &Pack,
    domain: &'a Domain,
    setting: Setting,
    stage: Option<usize>,
) -> Vec<Group<'a>> {
    let suits = |q: &&Question| q.suits(setting) && (stage.is_none() || q.stage == stage);
    if !setting.uses_stages() {
        let questions: Vec<&Question> = domain.questions.iter().filter(suits).collect();
        return if questions.is_empty() {
            Vec::new()
        } else {
            vec![Group {
                stage: None,
                questions,
            }]
        };
    }
    (0..pack.stages.len())
        .filter(|i| stage.is_none_or(|s| s == *i))
        .map(|i| Group {
            stage: Some(i),
            questions: domain
                .questions
                .iter()
                .filter(suits)
                .filter(|q| q.stage == Some(i))
                .collect(),
        })
        .filter(|g| !g.questions.is_empty())
        .collect()
}

/// All questions of a domain for a setting, in print order.
pub fn questions<'a>(
    pack: &Pack,
    domain: &'a Domain,
    setting: Setting,
    stage: Option<usize>,
) -> Vec<&'a Question> {
    groups(pack, domain, setting, stage)
        .into_iter()
        .flat_map(|g| g.questions)
        .collect()
}
