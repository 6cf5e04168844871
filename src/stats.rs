//! Order statistics: `replay`'s latency percentiles, the evaluation examples'
//! medians and quartiles, the finger check's usual colours along a side.

/// The value at quantile `p` (0 = smallest, 1 = largest) of `sorted`, which must be
/// in ascending order: the nearest rank, no interpolation. `None` when empty.
pub fn quantile<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
    let last = sorted.len().checked_sub(1)?;
    let i = (last as f64 * p.clamp(0.0, 1.0)).round() as usize;
    Some(sorted[i.min(last)])
}

/// The smallest, lower quartile, median, upper quartile and largest of `values`
/// (any order); `None` when empty.
pub fn five_numbers(mut values: Vec<f64>) -> Option<[f64; 5]> {
    values.sort_by(f64::total_cmp);
    let q = |p| quantile(&values, p);
    Some([q(0.0)?, q(0.25)?, q(0.5)?, q(0.75)?, q(1.0)?])
}

#[cfg(test)]
mod tests {
    use super::{five_numbers, quantile};

    #[test]
    fn nearest_rank_ends_and_empty() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.9), Some(5.0));
        assert_eq!(quantile(&v, 1.0), Some(5.0));
        assert_eq!(quantile::<f32>(&[], 0.5), None);
    }

    #[test]
    fn five_numbers_sorts_first() {
        let v = vec![5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(five_numbers(v), Some([1.0, 2.0, 3.0, 4.0, 5.0]));
        assert_eq!(five_numbers(Vec::new()), None);
    }
}
