//! The recognition net's forward pass: dlib's ResNet face descriptor (as ported to
//! face-api.js) on a 150×150 RGB face chip, to 128 numbers.
//!
//! Layout: feature maps are height × width × channels, filters height × width ×
//! in × out as the manifest stores them. Every convolution is followed by a bias
//! and a per-channel scale layer (`scale × x + shift`); both are folded into the
//! filters and one bias at load time. Convolutions run as im2col followed by a
//! register-tiled matrix product.

use std::collections::HashMap;

use crate::analysis::net_weights::{self as weights, Tensor, WeightsError};

/// Side of the square input in pixels.
pub const INPUT_SIDE: usize = 150;
/// Length of the descriptor.
pub const DESCRIPTOR_LEN: usize = 128;
/// Per-channel mean (R, G, B, 0–255) subtracted before dividing by 255: the net's
/// own normalisation.
const MEAN_RGB: [f32; 3] = [122.782, 117.001, 104.298];

/// Output channels computed together by the matrix product's inner kernel.
const TILE_CO: usize = 8;
/// Output pixels computed together by the inner kernel.
const TILE_PX: usize = 4;

/// A feature map, height × width × channels.
pub struct Map {
    pub h: usize,
    pub w: usize,
    pub c: usize,
    pub data: Vec<f32>,
}

impl Map {
    fn zeros(h: usize, w: usize, c: usize) -> Self {
        Self {
            h,
            w,
            c,
            data: vec![0.0; h * w * c],
        }
    }

    fn at(&self, y: usize, x: usize) -> &[f32] {
        let i = (y * self.w + x) * self.c;
        &self.data[i..i + self.c]
    }
}

/// How a convolution treats the border.
#[derive(Clone, Copy)]
enum Padding {
    /// No padding: the output shrinks.
    Valid,
    /// Zero padding keeping the size (stride 1).
    Same,
}

/// A convolution with its bias and scale layer folded in.
struct Conv {
    k: usize,
    cin: usize,
    cout: usize,
    /// Filters packed by panels of `TILE_CO` output channels: panel-major, then
    /// (ky, kx, ci), then the panel's channels.
    panels: Vec<f32>,
    bias: Vec<f32>,
}

impl Conv {
    fn load(
        tensors: &mut HashMap<String, Tensor>,
        prefix: &str,
        k: usize,
        cin: usize,
        cout: usize,
    ) -> Result<Self, WeightsError> {
        let filters = weights::take(
            tensors,
            &format!("{prefix}/conv/filters"),
            &[k, k, cin, cout],
        )?;
        let bias = weights::take(tensors, &format!("{prefix}/conv/bias"), &[cout])?;
        let scale = weights::take(tensors, &format!("{prefix}/scale/weights"), &[cout])?;
        let shift = weights::take(tensors, &format!("{prefix}/scale/biases"), &[cout])?;
        let depth = k * k * cin;
        let mut panels = Vec::with_capacity(depth * cout);
        for panel in 0..cout / TILE_CO {
            for row in 0..depth {
                for j in 0..TILE_CO {
                    let co = panel * TILE_CO + j;
                    panels.push(filters[row * cout + co] * scale[co]);
                }
            }
        }
        let bias = (0..cout)
            .map(|co| bias[co] * scale[co] + shift[co])
            .collect();
        Ok(Self {
            k,
            cin,
            cout,
            panels,
            bias,
        })
    }

    fn run(&self, input: &Map, stride: usize, padding: Padding, relu: bool) -> Map {
        debug_assert_eq!(input.c, self.cin);
        let (pad, oh, ow) = match padding {
            Padding::Valid => (
                0,
                (input.h - self.k) / stride + 1,
                (input.w - self.k) / stride + 1,
            ),
            Padding::Same => ((self.k - 1) / 2, input.h, input.w),
        };
        let depth = self.k * self.k * self.cin;
        let pixels = oh * ow;
        let rows = pixels.div_ceil(TILE_PX) * TILE_PX;
        let cols = im2col(input, self.k, stride, pad, oh, ow, rows);
        let mut out = Map::zeros(oh, ow, self.cout);
        for (panel, weights) in self.panels.chunks_exact(depth * TILE_CO).enumerate() {
            let co0 = panel * TILE_CO;
            let bias = &self.bias[co0..co0 + TILE_CO];
            for (tile, a) in cols.chunks_exact(depth * TILE_PX).enumerate() {
                let acc = tile_product(a, weights, depth);
                for (r, acc_row) in acc.iter().enumerate() {
                    let p = tile * TILE_PX + r;
                    if p >= pixels {
                        break;
                    }
                    let dst = &mut out.data[p * self.cout + co0..][..TILE_CO];
                    for ((d, &v), &b) in dst.iter_mut().zip(acc_row).zip(bias) {
                        let v = v + b;
                        *d = if relu { v.max(0.0) } else { v };
                    }
                }
            }
        }
        out
    }
}

/// The patches under each output pixel, one row of `k × k × c` values per pixel
/// (zeros where the filter hangs over the border), padded with zero rows to `rows`.
fn im2col(
    input: &Map,
    k: usize,
    stride: usize,
    pad: usize,
    oh: usize,
    ow: usize,
    rows: usize,
) -> Vec<f32> {
    let c = input.c;
    let depth = k * k * c;
    let mut cols = vec![0.0f32; rows * depth];
    for oy in 0..oh {
        for ox in 0..ow {
            let row = &mut cols[(oy * ow + ox) * depth..][..depth];
            for ky in 0..k {
                let Some(iy) = (oy * stride + ky).checked_sub(pad).filter(|&y| y < input.h) else {
                    continue;
                };
                for kx in 0..k {
                    let Some(ix) = (ox * stride + kx).checked_sub(pad).filter(|&x| x < input.w)
                    else {
                        continue;
                    };
                    row[(ky * k + kx) * c..][..c].copy_from_slice(input.at(iy, ix));
                }
            }
        }
    }
    cols
}

/// `TILE_PX` patch rows times one filter panel: the accumulators stay in
/// registers while the depth is walked once.
#[inline]
fn tile_product(a: &[f32], panel: &[f32], depth: usize) -> [[f32; TILE_CO]; TILE_PX] {
    let mut acc = [[0.0f32; TILE_CO]; TILE_PX];
    let (a0, rest) = a.split_at(depth);
    let (a1, rest) = rest.split_at(depth);
    let (a2, a3) = rest.split_at(depth);
    let rows = a0.iter().zip(a1).zip(a2).zip(a3);
    for ((((&x0, &x1), &x2), &x3), w) in rows.zip(panel.chunks_exact(TILE_CO)) {
        let w: &[f32; TILE_CO] = w.try_into().unwrap_or(&[0.0; TILE_CO]);
        for j in 0..TILE_CO {
            acc[0][j] += x0 * w[j];
            acc[1][j] += x1 * w[j];
            acc[2][j] += x2 * w[j];
            acc[3][j] += x3 * w[j];
        }
    }
    acc
}

/// Two convolutions with a shortcut around them. A down block's first
/// convolution strides 2 without padding; its shortcut is the input averaged over
/// 2×2 cells, with zero channels appended when the block widens.
struct Residual {
    conv1: Conv,
    conv2: Conv,
    down: bool,
}

impl Residual {
    fn load(
        tensors: &mut HashMap<String, Tensor>,
        prefix: &str,
        cin: usize,
        cout: usize,
        down: bool,
    ) -> Result<Self, WeightsError> {
        Ok(Self {
            conv1: Conv::load(tensors, &format!("{prefix}/conv1"), 3, cin, cout)?,
            conv2: Conv::load(tensors, &format!("{prefix}/conv2"), 3, cout, cout)?,
            down,
        })
    }

    fn run(&self, x: &Map) -> Map {
        let mut out = if self.down {
            self.conv1.run(x, 2, Padding::Valid, true)
        } else {
            self.conv1.run(x, 1, Padding::Same, true)
        };
        out = self.conv2.run(&out, 1, Padding::Same, false);
        if self.down {
            let pooled = average_pool_2x2(x);
            // An odd-sized input leaves the pooled map a row and a column larger than
            // the strided convolution's: the convolution's output counts as zero there.
            let mut sum = Map::zeros(pooled.h, pooled.w, out.c);
            for y in 0..sum.h {
                for x_ in 0..sum.w {
                    let i = (y * sum.w + x_) * sum.c;
                    let dst = &mut sum.data[i..i + sum.c];
                    dst[..pooled.c].copy_from_slice(pooled.at(y, x_));
                    if y < out.h && x_ < out.w {
                        for (d, v) in dst.iter_mut().zip(out.at(y, x_)) {
                            *d += v;
                        }
                    }
                }
            }
            out = sum;
        } else {
            for (o, v) in out.data.iter_mut().zip(&x.data) {
                *o += v;
            }
        }
        for v in &mut out.data {
            *v = v.max(0.0);
        }
        out
    }
}

fn average_pool_2x2(x: &Map) -> Map {
    let (oh, ow) = (x.h / 2, x.w / 2);
    let mut out = Map::zeros(oh, ow, x.c);
    for y in 0..oh {
        for x_ in 0..ow {
            let i = (y * ow + x_) * x.c;
            for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                for (o, v) in out.data[i..i + x.c]
                    .iter_mut()
                    .zip(x.at(2 * y + dy, 2 * x_ + dx))
                {
                    *o += 0.25 * v;
                }
            }
        }
    }
    out
}

/// 3×3 max pooling with stride 2, no padding.
fn max_pool_3x3_stride_2(x: &Map) -> Map {
    let (oh, ow) = ((x.h - 3) / 2 + 1, (x.w - 3) / 2 + 1);
    let mut out = Map::zeros(oh, ow, x.c);
    out.data.fill(f32::NEG_INFINITY);
    for y in 0..oh {
        for x_ in 0..ow {
            let i = (y * ow + x_) * x.c;
            for dy in 0..3 {
                for dx in 0..3 {
                    for (o, &v) in out.data[i..i + x.c]
                        .iter_mut()
                        .zip(x.at(2 * y + dy, 2 * x_ + dx))
                    {
                        *o = o.max(v);
                    }
                }
            }
        }
    }
    out
}

/// The whole net, dequantised and folded.
pub struct RecognitionNet {
    stem: Conv,
    blocks: Vec<Residual>,
    /// 256 × 128, row-major.
    fc: Vec<f32>,
}

/// The residual stages: name, input channels, output channels, down block.
const BLOCKS: [(&str, usize, usize, bool); 14] = [
    ("conv32_1", 32, 32, false),
    ("conv32_2", 32, 32, false),
    ("conv32_3", 32, 32, false),
    ("conv64_down", 32, 64, true),
    ("conv64_1", 64, 64, false),
    ("conv64_2", 64, 64, false),
    ("conv64_3", 64, 64, false),
    ("conv128_down", 64, 128, true),
    ("conv128_1", 128, 128, false),
    ("conv128_2", 128, 128, false),
    ("conv256_down", 128, 256, true),
    ("conv256_1", 256, 256, false),
    ("conv256_2", 256, 256, false),
    ("conv256_down_out", 256, 256, true),
];

impl RecognitionNet {
    pub fn from_manifest(manifest: &str, bytes: &[u8]) -> Result<Self, WeightsError> {
        let mut tensors = weights::parse(manifest, bytes)?;
        let stem = Conv::load(&mut tensors, "conv32_down", 7, 3, 32)?;
        let blocks = BLOCKS
            .iter()
            .map(|&(name, cin, cout, down)| Residual::load(&mut tensors, name, cin, cout, down))
            .collect::<Result<Vec<_>, _>>()?;
        let fc = weights::take(&mut tensors, "fc", &[256, DESCRIPTOR_LEN])?;
        Ok(Self { stem, blocks, fc })
    }

    /// The descriptor of a 150×150 chip given as interleaved RGB bytes.
    pub fn forward(&self, rgb: &[u8]) -> [f32; DESCRIPTOR_LEN] {
        assert_eq!(
            rgb.len(),
            INPUT_SIDE * INPUT_SIDE * 3,
            "chip must be 150×150 RGB"
        );
        let mut input = Map::zeros(INPUT_SIDE, INPUT_SIDE, 3);
        for (i, (dst, &src)) in input.data.iter_mut().zip(rgb).enumerate() {
            *dst = (f32::from(src) - MEAN_RGB[i % 3]) / 255.0;
        }
        let mut x = self.stem.run(&input, 2, Padding::Valid, true);
        x = max_pool_3x3_stride_2(&x);
        for block in &self.blocks {
            x = block.run(&x);
        }
        let cells = (x.h * x.w) as f32;
        let mut pooled = vec![0.0f32; x.c];
        for px in x.data.chunks_exact(x.c) {
            for (p, v) in pooled.iter_mut().zip(px) {
                *p += v / cells;
            }
        }
        let mut out = [0.0f32; DESCRIPTOR_LEN];
        for (p, row) in pooled.iter().zip(self.fc.chunks_exact(DESCRIPTOR_LEN)) {
            for (o, w) in out.iter_mut().zip(row) {
                *o += p * w;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain per-pixel convolution, the definition the tiled product must match.
    fn conv_reference(
        conv: &Conv,
        input: &Map,
        stride: usize,
        pad: usize,
        oh: usize,
        ow: usize,
    ) -> Vec<f32> {
        let depth = conv.k * conv.k * conv.cin;
        let mut out = vec![0.0; oh * ow * conv.cout];
        for oy in 0..oh {
            for ox in 0..ow {
                for co in 0..conv.cout {
                    let (panel, j) = (co / TILE_CO, co % TILE_CO);
                    let mut s = conv.bias[co];
                    for ky in 0..conv.k {
                        for kx in 0..conv.k {
                            let (iy, ix) = (
                                (oy * stride + ky) as isize - pad as isize,
                                (ox * stride + kx) as isize - pad as isize,
                            );
                            if iy < 0 || ix < 0 || iy >= input.h as isize || ix >= input.w as isize
                            {
                                continue;
                            }
                            for ci in 0..conv.cin {
                                let row = (ky * conv.k + kx) * conv.cin + ci;
                                let w = conv.panels[panel * depth * TILE_CO + row * TILE_CO + j];
                                s += input.at(iy as usize, ix as usize)[ci] * w;
                            }
                        }
                    }
                    out[(oy * ow + ox) * conv.cout + co] = s;
                }
            }
        }
        out
    }

    fn test_input(h: usize, w: usize, c: usize) -> Map {
        let mut m = Map::zeros(h, w, c);
        for (i, v) in m.data.iter_mut().enumerate() {
            *v = ((i * 7919) % 101) as f32 / 50.0 - 1.0;
        }
        m
    }

    #[test]
    fn tiled_convolution_matches_the_definition_at_borders_and_strides() {
        let net = super::super::net();
        let conv = &net.blocks[3].conv1; // 3×3, 32 → 64
        let input = test_input(9, 7, 32);
        for (stride, padding, pad) in [(1, Padding::Same, 1), (2, Padding::Valid, 0)] {
            let out = conv.run(&input, stride, padding, false);
            let want = conv_reference(conv, &input, stride, pad, out.h, out.w);
            for (a, b) in out.data.iter().zip(&want) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn down_block_sizes_follow_the_valid_strides() {
        // 150 → 72 (7×7/2) → 35 (max pool) → 17 → 8 → 4 (pooled; the conv gives 3)
        // → 2 (pooled; the conv gives 1).
        let net = super::super::net();
        let mut x = net
            .stem
            .run(&test_input(150, 150, 3), 2, Padding::Valid, true);
        assert_eq!((x.h, x.w), (72, 72));
        x = max_pool_3x3_stride_2(&x);
        assert_eq!((x.h, x.w), (35, 35));
        let mut sides = Vec::new();
        for block in &net.blocks {
            x = block.run(&x);
            if block.down {
                sides.push((x.h, x.c));
            }
        }
        assert_eq!(sides, vec![(17, 64), (8, 128), (4, 256), (2, 256)]);
    }
}
