//! Every sentence a person reads, in their language.
//!
//! The words live in one Fluent catalogue per language (`locales/en.ftl`,
//! `locales/zh-CN.ftl`), embedded in the binary. The language is chosen once at start
//! (`--lang`, else the locale variables) and may change while the window runs
//! (Settings); [`tr`] and [`tr_args`] read the current one. Rule ids, JSON keys and
//! file names are never translated.
//!
//! Fluent rather than a key→string table: messages take named arguments and select on
//! them (English "1 face" / "2 faces", none of that in Chinese), each language decides
//! its own sentence order, and a translator reads a plain text file.

pub mod font;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use font::install_fonts;

/// A language kycam speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The code on the command line and in settings: `en`, `zh-CN`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// A locale name as the environment writes it (`zh_CN.UTF-8`, `zh-Hans`, `en_GB`,
    /// `C`), or a code as given to `--lang`. Chinese written in traditional characters
    /// (`zh_TW`, `zh_HK`, `zh-Hant`) is not Simplified Chinese: `None`.
    pub fn from_locale(name: &str) -> Option<Lang> {
        let name = name
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut parts = name.split(['_', '-']);
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => match parts.next() {
                None | Some("cn" | "sg" | "hans") => Some(Lang::ZhCn),
                Some(_) => None,
            },
            _ => None,
        }
    }

    /// The language the locale variables ask for, in POSIX order of precedence
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set decides), English
    /// when that is none kycam speaks.
    pub fn from_env() -> Lang {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| var(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or(Lang::En)
    }

    /// The catalogue's source text.
    pub fn catalogue(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en.ftl"),
            Lang::ZhCn => include_str!("../../locales/zh-CN.ftl"),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_locale(s).ok_or_else(|| {
            tr_args(
                "cli-unknown-lang",
                &[("value", Arg::Str(&format!("{s:?}")))],
            )
        })
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `lang` the language of everything said from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language things are said in now.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::ZhCn,
        _ => Lang::En,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The parsed catalogue of `lang` (parsed once, on first use).
fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| build_bundle(lang))
}

/// A bundle of `lang`'s catalogue. A catalogue that does not parse is a bug the
/// tests catch; what parses of it is still used.
pub fn build_bundle(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(lang.catalogue().to_owned()).unwrap_or_else(|(r, _)| r);
    let langid = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Fluent wraps arguments in Unicode isolation marks for mixed-direction text;
    // both languages here run left to right, and egui and terminals would show them.
    bundle.set_use_isolating(false);
    // Duplicate ids are reported by the tests; the first one is kept.
    let _ = bundle.add_resource(resource);
    bundle
}

/// An argument to a message: a number (selects plurals, formatted by the message)
/// or a string.
pub enum Arg<'a> {
    Num(f64),
    Str(&'a str),
}

impl From<f64> for Arg<'_> {
    fn from(v: f64) -> Self {
        Arg::Num(v)
    }
}
impl From<f32> for Arg<'_> {
    fn from(v: f32) -> Self {
        Arg::Num(f64::from(v))
    }
}
impl From<u32> for Arg<'_> {
    fn from(v: u32) -> Self {
        Arg::Num(f64::from(v))
    }
}
impl From<usize> for Arg<'_> {
    fn from(v: usize) -> Self {
        Arg::Num(v as f64)
    }
}
impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Str(v)
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Str(v)
    }
}

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    tr_args(id, &[])
}

/// The message `id` in the current language, with its arguments. A message missing
/// from the current language falls back to English, then to its id (the tests keep
/// both catalogues complete).
pub fn tr_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    format_in(current(), id, args)
        .or_else(|| format_in(Lang::En, id, args))
        .unwrap_or_else(|| id.to_owned())
}

/// The message `id` in `lang`, `None` when `lang` has no such message.
pub fn format_in(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Num(v) => fluent_args.set(*name, FluentValue::from(*v)),
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(*s)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// `tr!("id")` or `tr!("id", name = value, …)`: the message in the current language.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::tr($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_pick_the_language() {
        for (name, lang) in [
            ("zh_CN.UTF-8", Some(Lang::ZhCn)),
            ("zh-CN", Some(Lang::ZhCn)),
            ("zh_SG", Some(Lang::ZhCn)),
            ("zh-Hans", Some(Lang::ZhCn)),
            ("zh", Some(Lang::ZhCn)),
            ("zh_TW.UTF-8", None),
            ("zh_HK", None),
            ("en_GB.UTF-8", Some(Lang::En)),
            ("en", Some(Lang::En)),
            ("C", None),
            ("POSIX", None),
            ("de_DE.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_locale(name), lang, "{name:?}");
        }
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        let vars = |set: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                set.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            Lang::from_vars(vars(&[("LANG", "zh_CN.UTF-8")])),
            Lang::ZhCn
        );
        // LC_ALL overrides LANG, also to say English.
        assert_eq!(
            Lang::from_vars(vars(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(vars(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")])),
            Lang::ZhCn
        );
        // An empty variable counts as unset; a language kycam does not speak is English.
        assert_eq!(
            Lang::from_vars(vars(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")])),
            Lang::ZhCn
        );
        assert_eq!(Lang::from_vars(vars(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_vars(vars(&[])), Lang::En);
    }

    #[test]
    fn arguments_are_placed_without_isolation_marks() {
        for (lang, title, want) in [
            (Lang::En, "Selfie", "2. Selfie"),
            (Lang::ZhCn, "自拍", "2. 自拍"),
        ] {
            let text = format_in(
                lang,
                "shot-step",
                &[("n", Arg::Num(2.0)), ("title", Arg::Str(title))],
            )
            .expect("message exists");
            assert_eq!(text, want, "{lang:?}");
        }
    }
}
