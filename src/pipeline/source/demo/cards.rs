//! The demo's documents: specimen-like, of no country. The front of an ID-1
//! card with its portrait, the card's back (no portrait; print and a
//! machine-readable zone), and a passport data page (portrait, print, a
//! two-line machine-readable zone on a white band).

use image::{imageops, Rgb, RgbImage};

use crate::analysis;
use crate::geometry::Rect;
use crate::synth::rng::Rng;

/// ID-1 (85.60 × 53.98 mm) and passport data page (125 × 88 mm) aspects.
const ID1_ASPECT: f32 = 85.60 / 53.98;
const PASSPORT_ASPECT: f32 = 125.0 / 88.0;

const INK: Rgb<u8> = Rgb([40, 40, 48]);
const BAND: Rgb<u8> = Rgb([120, 150, 190]);

/// Light stock with a faint guilloche-like wave pattern.
fn stock(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let wave = ((x as f32 * 0.09).sin() * (y as f32 * 0.07).cos() * 6.0) as i32;
        let v = |base: i32| (base + wave).clamp(0, 255) as u8;
        Rgb([v(214), v(216), v(206)])
    })
}

/// A thin darker edge, as the cut edge of a card shows.
fn cut_edge(card: &mut RgbImage) {
    let (width, height) = card.dimensions();
    let edge = Rgb([150, 150, 145]);
    fill(card, 0, 0, width, 2, edge);
    fill(card, 0, height - 2, width, 2, edge);
    fill(card, 0, 0, 2, height, edge);
    fill(card, width - 2, 0, 2, height, edge);
}

/// `lines` lines of a machine-readable zone from `y`: even, fixed-pitch
/// character blocks with filler runs, on a white band.
fn mrz(card: &mut RgbImage, rng: &mut Rng, y: u32, lines: u32, line_h: u32) {
    let (width, _) = card.dimensions();
    let margin = width / 20;
    fill(
        card,
        margin / 2,
        y.saturating_sub(line_h),
        width - margin,
        line_h * (2 * lines + 1),
        Rgb([236, 236, 230]),
    );
    let pitch = (line_h * 3 / 4).max(3);
    for line in 0..lines {
        let yy = y + line * line_h * 2;
        let mut x = margin;
        while x + pitch < width - margin {
            if rng.chance(0.8) {
                // A character; a filler '<' is thinner.
                let w = if rng.chance(0.25) {
                    pitch / 3
                } else {
                    pitch - 2
                };
                fill(card, x, yy, w.max(1), line_h, INK);
            }
            x += pitch;
        }
    }
}

/// The back of the specimen card: a header band, lines of print, a
/// machine-readable zone of three lines, and no portrait.
pub fn specimen_back(width: u32) -> RgbImage {
    let height = (width as f32 / ID1_ASPECT).round() as u32;
    let mut card = stock(width, height);
    let band = height / 9;
    fill(&mut card, 0, 0, width, band, BAND);
    let mut rng = Rng::new(0xbac_c4d);
    let line_h = (height / 40).max(2);
    for row in 0..5 {
        let y = band + height / 12 + row * line_h * 3;
        write_words(
            &mut card,
            &mut rng,
            width / 20,
            y,
            width - width / 20,
            line_h,
            INK,
        );
    }
    mrz(&mut card, &mut rng, height - height / 3 + line_h, 3, line_h);
    cut_edge(&mut card);
    card
}

/// The head of `portrait` (around its face box `portrait_face`) in a 3:4 frame
/// `pw` wide, its top-left corner at `at` on `doc`.
fn place_portrait(
    doc: &mut RgbImage,
    portrait: &RgbImage,
    portrait_face: &Rect,
    pw: u32,
    at: (u32, u32),
) {
    let ph = pw * 4 / 3;
    let head = analysis::selfie::portrait_crop(portrait_face).grown(0.1, 0.05, 0.1, 0.2);
    let (iw, ih) = portrait.dimensions();
    if let Some((x, y, w, h)) = head.clamped_pixels(iw, ih) {
        let crop = imageops::crop_imm(portrait, x, y, w, h).to_image();
        let photo = imageops::resize(&crop, pw, ph, imageops::FilterType::Triangle);
        imageops::overlay(doc, &photo, i64::from(at.0), i64::from(at.1));
    }
}

/// How a front with a portrait is laid out: light stock, a header band, the
/// portrait in a 3:4 frame on the left under the band, and lines of print to
/// its right. Distances are fractions of the document's width or height.
struct FrontLayout {
    aspect: f32,
    /// Header band: `height / band_div` tall, in `band`.
    band_div: u32,
    band: Rgb<u8>,
    /// Portrait frame `width * portrait_width.0 / portrait_width.1` wide,
    /// `height / portrait_gap_div` below the band.
    portrait_width: (u32, u32),
    portrait_gap_div: u32,
    /// The print's seed, line height `height / line_div`, and its rows
    /// starting `height / print_gap_div` below the band.
    seed: u64,
    line_div: u32,
    print_gap_div: u32,
    rows: u32,
}

/// The document of `layout` `width` wide with the head of `portrait` (around
/// `portrait_face`), the random source its print was drawn from (to go on
/// drawing), and its line height.
fn front(
    layout: &FrontLayout,
    portrait: &RgbImage,
    portrait_face: &Rect,
    width: u32,
) -> (RgbImage, Rng, u32) {
    let height = (width as f32 / layout.aspect).round() as u32;
    let mut doc = stock(width, height);
    let band = height / layout.band_div;
    fill(&mut doc, 0, 0, width, band, layout.band);
    let pw = width * layout.portrait_width.0 / layout.portrait_width.1;
    place_portrait(
        &mut doc,
        portrait,
        portrait_face,
        pw,
        (width / 20, band + height / layout.portrait_gap_div),
    );
    let mut rng = Rng::new(layout.seed);
    let line_h = (height / layout.line_div).max(2);
    let text_x = width / 20 + pw + width / 25;
    print_lines(
        &mut doc,
        &mut rng,
        (text_x, band + height / layout.print_gap_div),
        layout.rows,
        line_h,
        3,
    );
    (doc, rng, line_h)
}

/// A passport data page: a header band, the portrait on the left, lines of
/// print, and a two-line machine-readable zone at the bottom.
pub fn specimen_passport_page(portrait: &RgbImage, portrait_face: &Rect, width: u32) -> RgbImage {
    let layout = FrontLayout {
        aspect: PASSPORT_ASPECT,
        band_div: 10,
        band: Rgb([110, 40, 60]),
        portrait_width: (3, 11),
        portrait_gap_div: 25,
        seed: 0x9a_55,
        line_div: 45,
        print_gap_div: 20,
        rows: 8,
    };
    let (mut page, mut rng, line_h) = front(&layout, portrait, portrait_face, width);
    let height = page.height();
    mrz(&mut page, &mut rng, height - height / 6, 2, line_h);
    cut_edge(&mut page);
    page
}

/// A specimen-like ID-1 card: light stock, a header band, a portrait, lines of
/// print and a machine-readable zone. Not a real document of any country.
pub fn specimen_card(portrait: &RgbImage, portrait_face: &Rect, width: u32) -> RgbImage {
    let layout = FrontLayout {
        aspect: ID1_ASPECT,
        band_div: 7,
        band: BAND,
        portrait_width: (3, 10),
        portrait_gap_div: 20,
        seed: 0x1d_ca4d,
        line_div: 40,
        print_gap_div: 15,
        rows: 7,
    };
    let (mut card, mut rng, line_h) = front(&layout, portrait, portrait_face, width);
    // Two lines below the portrait, where a machine-readable zone would be.
    let height = card.height();
    print_lines(
        &mut card,
        &mut rng,
        (width / 20, height - height / 6),
        2,
        line_h,
        2,
    );
    cut_edge(&mut card);
    card
}

/// `rows` lines of print in ink from `start` to the right margin, one every
/// `spacing` line heights.
fn print_lines(
    doc: &mut RgbImage,
    rng: &mut Rng,
    start: (u32, u32),
    rows: u32,
    line_h: u32,
    spacing: u32,
) {
    let right = doc.width() - doc.width() / 20;
    for row in 0..rows {
        let y = start.1 + row * line_h * spacing;
        write_words(doc, rng, start.0, y, right, line_h, INK);
    }
}

fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, c: Rgb<u8>) {
    let (iw, ih) = img.dimensions();
    for yy in y..(y + h).min(ih) {
        for xx in x..(x + w).min(iw) {
            img.put_pixel(xx, yy, c);
        }
    }
}

/// Word-like blocks with letter gaps, from `x0` to at most `x1`.
fn write_words(img: &mut RgbImage, rng: &mut Rng, x0: u32, y: u32, x1: u32, h: u32, ink: Rgb<u8>) {
    let end = x0 + ((x1 - x0) as f32 * rng.range(0.55, 1.0)) as u32;
    let mut x = x0;
    let letter = (h * 2 / 3).max(2);
    while x + letter < end {
        let letters = 2 + rng.index(8) as u32;
        for _ in 0..letters {
            if x + letter >= end {
                break;
            }
            // Letters of varying ink height, like capitals and lower case.
            let top = if rng.chance(0.4) { 0 } else { h / 3 };
            fill(img, x, y + top, letter - 1, h - top, ink);
            x += letter + 1;
        }
        x += letter * 2;
    }
}
