//! The two statistics the tables use: the median of repeated timings and the geometric mean of ratios.

/// The median of `values`, or `None` for an empty slice. An even count averages the middle two.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted.get(mid).copied()
    } else {
        let lo = sorted.get(mid.checked_sub(1)?)?;
        let hi = sorted.get(mid)?;
        Some((lo + hi) / 2.0)
    }
}

/// The geometric mean of `values`, or `None` if there are none or any is not a positive finite number.
pub fn geomean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite() || *v <= 0.0) {
        return None;
    }
    let log_sum: f64 = values.iter().map(|v| v.ln()).sum();
    #[allow(clippy::cast_precision_loss)] // counts are tiny
    let n = values.len() as f64;
    Some((log_sum / n).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        // an outlier does not move it
        assert_eq!(median(&[1.0, 1.1, 0.9, 100.0, 1.0]), Some(1.0));
    }

    #[test]
    fn geomean_of_ratios() {
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[2.0, 0.0]), None);
        assert_eq!(geomean(&[2.0, f64::NAN]), None);
        let g = geomean(&[2.0, 8.0]).unwrap_or_default();
        assert!((g - 4.0).abs() < 1e-12, "{g}");
        let g = geomean(&[0.5, 2.0, 1.0]).unwrap_or_default();
        assert!((g - 1.0).abs() < 1e-12, "{g}");
    }
}
