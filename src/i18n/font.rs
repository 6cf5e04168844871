//! Chinese glyphs for the window. egui's own fonts have none, and a machine need not
//! have any installed, so a subset of Noto Sans CJK SC (SIL OFL 1.1,
//! assets/NotoSansCJKsc-subset.LICENSE) is embedded: every character the Chinese
//! catalogue uses plus the 3 755 most common characters (GB 2312 level 1), enough for
//! most folder and file names. A CJK font installed on the machine, when there is one,
//! backs it for anything rarer.

use std::sync::Arc;

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// The embedded subset (see `scripts/subset-cjk-font.sh`).
pub const EMBEDDED_CJK_FONT: &[u8] = include_bytes!("../../assets/NotoSansCJKsc-subset.otf");

/// CJK fonts Debian, Ubuntu and Fedora install, with the Simplified Chinese face's
/// index in the collection.
const SYSTEM_CJK_FONTS: [(&str, u32); 5] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
];

/// Adds the Chinese fonts behind egui's own, for both families, so Latin text keeps
/// egui's look and Chinese falls through to them.
pub fn install_fonts(ctx: &egui::Context) {
    let families = || {
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect()
    };
    ctx.add_font(FontInsert::new(
        "noto-sans-sc-subset",
        FontData::from_static(EMBEDDED_CJK_FONT),
        families(),
    ));
    if let Some((bytes, index)) = system_cjk_font() {
        ctx.add_font(FontInsert::new(
            "system-cjk",
            FontData::from_blob(Arc::new(bytes), index),
            families(),
        ));
    }
}

/// The first installed CJK font of [`SYSTEM_CJK_FONTS`] that reads.
fn system_cjk_font() -> Option<(Vec<u8>, u32)> {
    SYSTEM_CJK_FONTS
        .iter()
        .find_map(|(path, index)| std::fs::read(path).ok().map(|bytes| (bytes, *index)))
}
