//! The panels beside the preview: session progress, the one guidance sentence,
//! the auto-capture hold, and the checklist of every rule with value and limit.

use egui::{Color32, RichText};

use crate::gui::checklist::checklist_row;
use crate::gui::flow::Progress;
use crate::gui::live::HoldProgress;
use crate::gui::overlay::{FAIL, PASS};
use crate::rules::Verdict;
use crate::tr;

/// Guidance text size: read from arm's length while holding a card up.
const GUIDANCE_SIZE: f32 = 26.0;

/// A pass/fail mark drawn with lines: the bundled fonts have no ✔/✖ glyphs.
pub fn mark_ui(ui: &mut egui::Ui, pass: bool) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body).max(14.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(1.0));
    let c = rect.center();
    let r = size * 0.45;
    painter.circle_filled(c, r, if pass { PASS } else { FAIL });
    let stroke = egui::Stroke::new(2.0, Color32::WHITE);
    let p = |x: f32, y: f32| c + egui::vec2(x * r, y * r);
    if pass {
        painter.line_segment([p(-0.5, 0.0), p(-0.1, 0.4)], stroke);
        painter.line_segment([p(-0.1, 0.4), p(0.5, -0.4)], stroke);
    } else {
        painter.line_segment([p(-0.4, -0.4), p(0.4, 0.4)], stroke);
        painter.line_segment([p(-0.4, 0.4), p(0.4, -0.4)], stroke);
    }
    response
}

/// "Step 2 of 3: ID card, back" and a dot per shot (done, current, to come);
/// `finished` once every photo is accepted.
pub fn progress_ui(ui: &mut egui::Ui, progress: &Progress, finished: bool) {
    ui.horizontal(|ui| {
        for (i, shot) in progress.kind.shots().iter().enumerate() {
            let taken = finished || i < progress.index;
            let current = !finished && i == progress.index;
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
            let painter = ui.painter();
            if taken {
                painter.circle_filled(rect.center(), 6.0, PASS);
            } else if current {
                painter.circle_filled(rect.center(), 6.0, ui.visuals().strong_text_color());
            } else {
                painter.circle_stroke(
                    rect.center(),
                    5.5,
                    egui::Stroke::new(1.5, ui.visuals().weak_text_color()),
                );
            }
            response.on_hover_text(shot.title());
        }
        ui.add_space(6.0);
        let caption = if finished {
            tr!(
                "shot-progress-finished",
                document = &progress.kind.title(),
                total = progress.total()
            )
        } else {
            tr!("shot-progress-step", caption = &progress.caption())
        };
        ui.label(RichText::new(caption).size(20.0).strong());
    });
}

/// The one thing to do now, large. `None` = every rule holds.
pub fn guidance_ui(ui: &mut egui::Ui, guidance: Option<&str>, hold: &HoldProgress) {
    let (text, colour) = match guidance {
        Some(g) => (g.to_owned(), ui.visuals().strong_text_color()),
        None if hold.armed => (tr!("guidance-all-good-hold"), PASS),
        None => (tr!("guidance-all-good"), PASS),
    };
    sentence_lines(ui, egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.add(egui::Label::new(RichText::new(text).size(GUIDANCE_SIZE).color(colour)).wrap());
    });
}

/// Two lines are always reserved for the sentence, so that the preview below
/// does not jump when it wraps onto a second line or gives way to "Saving…".
fn sentence_lines(ui: &mut egui::Ui, layout: egui::Layout, add: impl FnOnce(&mut egui::Ui)) {
    let height = 2.0 * ui.fonts_mut(|f| f.row_height(&egui::FontId::proportional(GUIDANCE_SIZE)));
    let width = ui.available_width();
    ui.allocate_ui_with_layout(egui::vec2(width, height), layout, |ui| {
        ui.set_min_size(egui::vec2(width, height));
        add(ui);
    });
}

/// In place of the sentence while a photo is written: in the same two reserved
/// lines, so the preview does not move.
pub fn saving_ui(ui: &mut egui::Ui) {
    sentence_lines(ui, egui::Layout::left_to_right(egui::Align::Min), |ui| {
        ui.spinner();
        ui.label(
            RichText::new(tr!("guidance-saving"))
                .size(GUIDANCE_SIZE)
                .color(PASS),
        );
    });
}

/// Auto-capture feedback: how long the rules have held against how long they must.
pub fn hold_ui(ui: &mut egui::Ui, hold: &HoldProgress) {
    if !hold.armed {
        ui.label(tr!("hold-paused"));
        return;
    }
    let needed = hold.needed_secs.max(0.01);
    let share = (hold.passing_for_secs / needed).clamp(0.0, 1.0);
    if share <= 0.0 {
        ui.label(tr!("hold-waiting"));
        return;
    }
    let text = if share >= 1.0 {
        tr!("hold-taking")
    } else {
        tr!(
            "hold-progress",
            held = &format!("{:.1}", hold.passing_for_secs.min(needed)),
            needed = &format!("{needed:.1}")
        )
    };
    // The words beside the bar, not on it: dark text on the unfilled part of
    // the bar was unreadable (seen on the screenshot).
    ui.label(RichText::new(text).color(PASS).size(17.0));
    ui.add(
        egui::ProgressBar::new(share)
            .fill(PASS)
            .desired_height(10.0),
    );
}

/// Widths of the checklist's columns (name, now, needed), fixed so that the
/// columns do not move as values change; the names fit at the body text size
/// in the side panel (seen at 1024×640).
const NAME_WIDTH: f32 = 178.0;
const NOW_WIDTH: f32 = 104.0;
const NEEDED_WIDTH: f32 = 104.0;

/// A text in a cell of fixed width.
fn cell(ui: &mut egui::Ui, width: f32, text: RichText) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

/// Every rule of the shot, in priority order: mark, name, what it is now and
/// what is needed, in words a person reads ([`checklist_row`]).
pub fn checklist_ui(ui: &mut egui::Ui, verdicts: &[Verdict]) {
    ui.spacing_mut().item_spacing.y = 4.0;
    ui.horizontal(|ui| {
        ui.add_space(ui.text_style_height(&egui::TextStyle::Body).max(14.0) + 8.0);
        let head = |t: String| RichText::new(t).small().weak();
        cell(ui, NAME_WIDTH, head(tr!("checklist-check")));
        cell(ui, NOW_WIDTH, head(tr!("checklist-now")));
        cell(ui, NEEDED_WIDTH, head(tr!("checklist-needed")));
    });
    for v in verdicts {
        let row = checklist_row(v);
        ui.horizontal(|ui| {
            mark_ui(ui, v.pass);
            let name = cell(ui, NAME_WIDTH, RichText::new(v.id.label()));
            if let Some(advice) = &v.advice {
                name.on_hover_text(advice);
            }
            let now = RichText::new(row.now).color(if v.pass {
                ui.visuals().text_color()
            } else {
                FAIL
            });
            cell(ui, NOW_WIDTH, now);
            cell(ui, NEEDED_WIDTH, RichText::new(row.needed).weak());
        });
    }
}
