//! The command line's value enums turned into the program's own types, one match each.

use crate::cli::{DuplexArg, InkArg, PaperArg, SettingArg, ShellArg, SizeArg};
use crate::layout::cards::Duplex;
use crate::layout::poster::PosterSize;
use crate::pack::Setting;
use crate::template::{Ink, Paper};

pub(super) fn setting(s: SettingArg) -> Setting {
    match s {
        SettingArg::Office => Setting::Office,
        SettingArg::Online => Setting::Online,
        SettingArg::Hybrid => Setting::Hybrid,
    }
}

pub(super) fn paper(p: PaperArg) -> Paper {
    match p {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    }
}

pub(super) fn ink(i: InkArg) -> Ink {
    match i {
        InkArg::Full => Ink::Full,
        InkArg::Low => Ink::Low,
    }
}

pub(super) fn duplex(d: DuplexArg) -> Duplex {
    match d {
        DuplexArg::LongEdge => Duplex::LongEdge,
        DuplexArg::ShortEdge => Duplex::ShortEdge,
        DuplexArg::None => Duplex::None,
    }
}

pub(super) fn shell(s: ShellArg) -> clap_complete::Shell {
    match s {
        ShellArg::Bash => clap_complete::Shell::Bash,
        ShellArg::Zsh => clap_complete::Shell::Zsh,
        ShellArg::Fish => clap_complete::Shell::Fish,
        ShellArg::Powershell => clap_complete::Shell::PowerShell,
    }
}

pub(super) fn poster_size(s: SizeArg) -> PosterSize {
    match s {
        SizeArg::A4 => PosterSize::A4,
        SizeArg::A3 => PosterSize::A3,
        SizeArg::A2 => PosterSize::A2,
        SizeArg::A1 => PosterSize::A1,
        SizeArg::A0 => PosterSize::A0,
        SizeArg::Screen => PosterSize::Screen,
    }
}
