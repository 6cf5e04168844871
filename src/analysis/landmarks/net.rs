//! The forward pass of face-api.js's 68-point landmark net, written here from its
//! layer structure (the tensor names and shapes in the manifest):
//!
//! - input 112 × 112 × 3, `(pixel − mean RGB) / 255`;
//! - four dense blocks. Each starts with a stride-2 convolution (`conv0`: a plain
//!   3 × 3 convolution in the first block, depthwise-separable in the others),
//!   then three stride-1 depthwise-separable convolutions; each of those reads the
//!   ReLU of the sum of every earlier output of the block, and the block gives the
//!   ReLU of the sum of all four. Channels 32, 64, 128, 256; size 56, 28, 14, 7;
//! - the mean over the 7 × 7 map, then a fully connected layer to 136 numbers:
//!   x, y of 68 points, as fractions of the input square.
//!
//! Convolutions pad like TensorFlow's "same": a stride-2 layer on an even size pads
//! only after (right and bottom), a stride-1 layer one pixel on each side.
//! Tensors are height × width × channels, channels innermost, so that the inner
//! loops run over contiguous channels (the compiler vectorises them).

use std::sync::OnceLock;

use crate::analysis::net_weights::{self as weights, WeightsError};

/// Side of the square the net reads.
pub const INPUT_SIDE: usize = 112;

/// The mean RGB the net was trained with, subtracted before scaling by 1/255.
pub const MEAN_RGB: [f32; 3] = [122.782, 117.001, 104.298];

/// Number of points the net gives.
pub const POINTS: usize = 68;

/// A feature map: `side` × `side` × `channels`, channels innermost.
struct Map {
    side: usize,
    channels: usize,
    data: Vec<f32>,
}

/// A depthwise 3 × 3 convolution (no bias), then a pointwise 1 × 1 one, plus bias.
struct SeparableConv {
    cin: usize,
    cout: usize,
    /// [ky][kx][c]
    depthwise: Vec<f32>,
    /// [cin][cout]
    pointwise: Vec<f32>,
    bias: Vec<f32>,
}

/// The plain 3 × 3 convolution that opens the first block.
struct Conv {
    cin: usize,
    cout: usize,
    /// [ky][kx][cin][cout]
    filters: Vec<f32>,
    bias: Vec<f32>,
}

enum FirstConv {
    Plain(Conv),
    Separable(SeparableConv),
}

struct DenseBlock {
    first: FirstConv,
    rest: [SeparableConv; 3],
}

pub struct Net {
    blocks: [DenseBlock; 4],
    /// [256][136]
    fc_weights: Vec<f32>,
    fc_bias: Vec<f32>,
}

/// Output size and padding before, for a 3 × 3 kernel as TensorFlow's "same".
fn same_padding(side: usize, stride: usize) -> (usize, usize) {
    let out = side.div_ceil(stride);
    let total = ((out - 1) * stride + 3).saturating_sub(side);
    (out, total / 2)
}

impl SeparableConv {
    fn load(
        t: &mut std::collections::HashMap<String, weights::Tensor>,
        prefix: &str,
        cin: usize,
        cout: usize,
    ) -> Result<Self, WeightsError> {
        Ok(Self {
            cin,
            cout,
            depthwise: weights::take(t, &format!("{prefix}/depthwise_filter"), &[3, 3, cin, 1])?,
            pointwise: weights::take(t, &format!("{prefix}/pointwise_filter"), &[1, 1, cin, cout])?,
            bias: weights::take(t, &format!("{prefix}/bias"), &[cout])?,
        })
    }

    fn apply(&self, input: &Map, stride: usize) -> Map {
        debug_assert_eq!(input.channels, self.cin);
        let (side, pad) = same_padding(input.side, stride);
        let c = self.cin;
        // Depthwise.
        let mut mid = vec![0.0f32; side * side * c];
        for oy in 0..side {
            for ox in 0..side {
                let acc = &mut mid[(oy * side + ox) * c..][..c];
                for_each_tap(input.side, stride, pad, (oy, ox), |tap, pixel| {
                    let src = &input.data[pixel * c..][..c];
                    let w = &self.depthwise[tap * c..][..c];
                    for ((a, s), k) in acc.iter_mut().zip(src).zip(w) {
                        *a += s * k;
                    }
                });
            }
        }
        // Pointwise, plus bias.
        let co = self.cout;
        let mut out = vec![0.0f32; side * side * co];
        for (px, dst) in mid.chunks_exact(c).zip(out.chunks_exact_mut(co)) {
            dst.copy_from_slice(&self.bias);
            for (&v, w) in px.iter().zip(self.pointwise.chunks_exact(co)) {
                for (d, k) in dst.iter_mut().zip(w) {
                    *d += v * k;
                }
            }
        }
        Map {
            side,
            channels: co,
            data: out,
        }
    }
}

/// Calls `f(tap, pixel)` for each tap of a 3×3 kernel centred for output pixel
/// `(oy, ox)` that falls inside the `side`×`side` input: `tap` = ky·3 + kx, `pixel`
/// the input pixel's index. Taps in the zero padding are skipped.
#[inline(always)]
fn for_each_tap(
    side: usize,
    stride: usize,
    pad: usize,
    (oy, ox): (usize, usize),
    mut f: impl FnMut(usize, usize),
) {
    for ky in 0..3 {
        let Some(iy) = (oy * stride + ky).checked_sub(pad).filter(|&y| y < side) else {
            continue;
        };
        for kx in 0..3 {
            let Some(ix) = (ox * stride + kx).checked_sub(pad).filter(|&x| x < side) else {
                continue;
            };
            f(ky * 3 + kx, iy * side + ix);
        }
    }
}

impl Conv {
    fn apply(&self, input: &Map, stride: usize) -> Map {
        debug_assert_eq!(input.channels, self.cin);
        let (side, pad) = same_padding(input.side, stride);
        let (ci, co) = (self.cin, self.cout);
        let mut out = vec![0.0f32; side * side * co];
        for oy in 0..side {
            for ox in 0..side {
                let dst = &mut out[(oy * side + ox) * co..][..co];
                dst.copy_from_slice(&self.bias);
                for_each_tap(input.side, stride, pad, (oy, ox), |tap, pixel| {
                    let src = &input.data[pixel * ci..][..ci];
                    let taps = &self.filters[tap * ci * co..][..ci * co];
                    for (&v, w) in src.iter().zip(taps.chunks_exact(co)) {
                        for (d, k) in dst.iter_mut().zip(w) {
                            *d += v * k;
                        }
                    }
                });
            }
        }
        Map {
            side,
            channels: co,
            data: out,
        }
    }
}

fn relu_in_place(v: &mut [f32]) {
    for x in v {
        *x = x.max(0.0);
    }
}

fn add_in_place(acc: &mut [f32], other: &[f32]) {
    for (a, b) in acc.iter_mut().zip(other) {
        *a += b;
    }
}

impl DenseBlock {
    fn load(
        t: &mut std::collections::HashMap<String, weights::Tensor>,
        index: usize,
        cin: usize,
        cout: usize,
    ) -> Result<Self, WeightsError> {
        let p = format!("dense{index}");
        let first = if index == 0 {
            FirstConv::Plain(Conv {
                cin,
                cout,
                filters: weights::take(t, &format!("{p}/conv0/filters"), &[3, 3, cin, cout])?,
                bias: weights::take(t, &format!("{p}/conv0/bias"), &[cout])?,
            })
        } else {
            FirstConv::Separable(SeparableConv::load(t, &format!("{p}/conv0"), cin, cout)?)
        };
        Ok(Self {
            first,
            rest: [
                SeparableConv::load(t, &format!("{p}/conv1"), cout, cout)?,
                SeparableConv::load(t, &format!("{p}/conv2"), cout, cout)?,
                SeparableConv::load(t, &format!("{p}/conv3"), cout, cout)?,
            ],
        })
    }

    fn apply(&self, input: &Map) -> Map {
        let mut out1 = match &self.first {
            FirstConv::Plain(c) => c.apply(input, 2),
            FirstConv::Separable(c) => c.apply(input, 2),
        };
        relu_in_place(&mut out1.data);
        // `sum` is the running sum of the block's outputs; each later conv reads
        // its ReLU.
        let mut sum = out1.data.clone();
        let mut next_in = out1;
        for conv in &self.rest {
            let out = conv.apply(&next_in, 1);
            add_in_place(&mut sum, &out.data);
            let mut rectified = sum.clone();
            relu_in_place(&mut rectified);
            next_in = Map {
                side: out.side,
                channels: out.channels,
                data: rectified,
            };
        }
        next_in
    }
}

impl Net {
    /// Builds the net from a manifest and its bytes.
    pub fn from_weights(manifest: &str, bytes: &[u8]) -> Result<Self, WeightsError> {
        let mut t = weights::parse(manifest, bytes)?;
        let blocks = [
            DenseBlock::load(&mut t, 0, 3, 32)?,
            DenseBlock::load(&mut t, 1, 32, 64)?,
            DenseBlock::load(&mut t, 2, 64, 128)?,
            DenseBlock::load(&mut t, 3, 128, 256)?,
        ];
        let fc_weights = weights::take(&mut t, "fc/weights", &[256, 2 * POINTS])?;
        let fc_bias = weights::take(&mut t, "fc/bias", &[2 * POINTS])?;
        Ok(Self {
            blocks,
            fc_weights,
            fc_bias,
        })
    }

    /// The net of the embedded weights, built once.
    pub fn embedded() -> &'static Net {
        static NET: OnceLock<Net> = OnceLock::new();
        NET.get_or_init(|| {
            let net = &weights::LANDMARK_NET;
            // The weights are compiled in and checked by a test: failing here is a
            // build defect, not bad input.
            Net::from_weights(net.manifest, net.bytes).expect("embedded landmark weights are valid")
        })
    }

    /// Runs the net on a normalised 112 × 112 × 3 input (height × width × RGB,
    /// see [`MEAN_RGB`]); gives 68 points as fractions of the input square.
    pub fn run(&self, input: &[f32]) -> [[f32; 2]; POINTS] {
        assert_eq!(input.len(), INPUT_SIDE * INPUT_SIDE * 3, "net input size");
        let mut map = Map {
            side: INPUT_SIDE,
            channels: 3,
            data: input.to_vec(),
        };
        for block in &self.blocks {
            map = block.apply(&map);
        }
        // Mean over the 7 × 7 map (a 7 × 7 average pool on a 7 × 7 map).
        let c = map.channels;
        let mut pooled = vec![0.0f32; c];
        for px in map.data.chunks_exact(c) {
            add_in_place(&mut pooled, px);
        }
        let n = (map.side * map.side) as f32;
        let mut out = self.fc_bias.clone();
        for (&v, w) in pooled.iter().zip(self.fc_weights.chunks_exact(2 * POINTS)) {
            let v = v / n;
            for (o, k) in out.iter_mut().zip(w) {
                *o += v * k;
            }
        }
        let mut points = [[0.0f32; 2]; POINTS];
        for (p, xy) in points.iter_mut().zip(out.chunks_exact(2)) {
            *p = [xy[0], xy[1]];
        }
        points
    }
}
