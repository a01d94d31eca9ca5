from __future__ import annotations

import numpy as np
import pytest

from warehouse.drivers import relative_weights
from warehouse.stats import mean_ci, nps_ci, wilson


def test_nps_interval_matches_design_example():
    nps, lo, hi = nps_ci(np.array([50]), np.array([20]), np.array([100]))
    assert nps[0] == 30
    assert abs((hi[0] - nps[0]) - 15.3) < 0.05 and abs((nps[0] - lo[0]) - 15.3) < 0.05


def test_wilson_known_value_and_empty_group():
    lo, hi = wilson(np.array([8, 0]), np.array([10, 0]))
    assert abs(lo[0] - 0.4902) < 1e-3 and abs(hi[0] - 0.9433) < 1e-3
    assert np.isnan(lo[1]) and np.isnan(hi[1])


def test_mean_ci_is_t_interval():
    lo, hi = mean_ci(np.array([8.0]), np.array([1.0]), np.array([4]))
    assert abs((hi[0] - 8.0) - 3.182446 * 0.5) < 1e-4  # t(3, .975) * s / sqrt(n)


def test_closed_forms_match_statsmodels_and_scipy():
    from scipy import stats
    from statsmodels.stats.proportion import proportion_confint

    k = np.array([0, 1, 8, 37, 500, 999])
    n = np.array([5, 3, 10, 40, 1000, 1000])
    for level in (0.9, 0.95, 0.99):
        lo, hi = wilson(k, n, level)
        ref_lo, ref_hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
        assert np.allclose(lo, ref_lo, atol=1e-12) and np.allclose(hi, ref_hi, atol=1e-12)
        mean, sd, m = np.array([3.0, 7.5, 8.0]), np.array([1.0, 2.0, 0.5]), np.array([2, 9, 300])
        lo, hi = mean_ci(mean, sd, m, level)
        half = stats.t.ppf(0.5 + level / 2, m - 1) * sd / np.sqrt(m)
        assert np.allclose(hi - mean, half, rtol=1e-10) and np.allclose(mean - lo, half, rtol=1e-10)


def test_relative_weights_sum_to_r2_and_rank_the_real_driver():
    rng = np.random.default_rng(0)
    n = 5000
    a = rng.normal(size=n)
    b = a * 0.8 + rng.normal(scale=0.6, size=n)  # correlated with a, no own effect
    c = rng.normal(size=n)
    y = 2 * a + 0.5 * c + rng.normal(size=n)
    X = np.column_stack([a, b, c])
    w, r2 = relative_weights(X, y)
    beta, *_ = np.linalg.lstsq(np.column_stack([np.ones(n), X]), y, rcond=None)
    resid = y - np.column_stack([np.ones(n), X]) @ beta
    ols_r2 = 1 - resid.var() / y.var()
    assert abs(r2 - ols_r2) < 1e-6 and abs(w.sum() - r2) < 1e-9
    assert w[0] > w[1] and w[0] > w[2]


def test_t_quantile_matches_scipy_over_every_small_df_and_large_ones():
    """warehouse.stats.t_quantile (numpy only: exact-CDF Newton up to 300 df, Cornish-Fisher
    above) against scipy.stats.t.ppf, across the branch boundaries."""
    from scipy import stats

    from warehouse.stats import t_quantile

    df = np.r_[np.arange(1, 700), [1000, 5000, 10 ** 5, 10 ** 7]].astype(float)
    for p in (0.6, 0.9, 0.95, 0.975, 0.995):
        got = t_quantile(p, df)
        assert np.allclose(got, stats.t.ppf(p, df), rtol=1e-11, atol=0), p


def test_dashboard_statistics_do_not_import_scipy():
    """The first dashboard query in a fresh process must not pay for importing scipy."""
    import subprocess
    import sys

    code = ("import sys, numpy as np; from warehouse.stats import mean_ci, wilson, nps_ci; "
            "mean_ci(np.array([1.0, 2.0]), np.array([1.0, 1.0]), np.array([5, 500])); wilson([1], [3]); "
            "nps_ci([1], [1], [3]); print('scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_nps_known_answers_at_other_levels_and_the_bounds():
    nps, lo, hi = nps_ci(np.array([50, 10, 0, 3]), np.array([20, 0, 10, 0]), np.array([100, 10, 10, 0]), 0.90)
    half = 1.6448536269514722 * 100 * np.sqrt((0.5 + 0.2 - 0.3 ** 2) / 100)
    assert nps[0] == pytest.approx(30) and hi[0] - nps[0] == pytest.approx(half) and nps[0] - lo[0] == pytest.approx(half)
    assert (nps[1], lo[1], hi[1]) == (100, 100, 100)  # all promoters: no spread, within the scale
    assert (nps[2], lo[2], hi[2]) == (-100, -100, -100)
    assert np.isnan(nps[3]) and np.isnan(lo[3]) and np.isnan(hi[3])  # no responses
    nps, lo, hi = nps_ci([9], [0], [10])  # 90 +- 18.6 would pass 100: clipped
    assert hi[0] == 100 and lo[0] == pytest.approx(90 - 1.959963984540054 * 100 * np.sqrt((0.9 - 0.81) / 10))


def test_wilson_levels_and_bounds():
    lo, hi = wilson([0, 10], [10, 10], 0.95)
    assert lo[0] == pytest.approx(0, abs=1e-12) and hi[0] == pytest.approx(0.27753279986288)  # 0 of 10
    assert hi[1] == pytest.approx(1) and lo[1] == pytest.approx(1 - 0.27753279986288)
    lo90, hi90 = wilson([8], [10], 0.90)
    lo95, hi95 = wilson([8], [10], 0.95)
    assert lo95[0] < lo90[0] < 0.8 < hi90[0] < hi95[0]


def test_mean_ci_needs_two_values_and_scales_with_level():
    lo, hi = mean_ci(np.array([5.0, 5.0]), np.array([0.0, 2.0]), np.array([1, 2]))
    assert np.isnan(lo[0]) and np.isnan(hi[0])  # one response: no interval
    assert hi[1] - 5.0 == pytest.approx(12.706204736174705 * 2 / np.sqrt(2))  # t(1, .975) = 12.706
    lo90, hi90 = mean_ci(np.array([5.0]), np.array([1.0]), np.array([10]), 0.90)
    assert hi90[0] - 5.0 == pytest.approx(1.8331129326536335 / np.sqrt(10))  # t(9, .95)


def test_t_quantile_closed_forms_and_branch_edges():
    from warehouse.stats import t_quantile

    got = t_quantile(0.975, np.array([1.0, 2.0, 3.0, 300.0, 301.0]))
    # scipy.stats.t.ppf(0.975, df): closed forms at 1 and 2 df, Newton to 300, the series above
    assert got[0] == pytest.approx(12.706204736174694, rel=1e-12)
    assert got[1] == pytest.approx(4.302652729749462, rel=1e-12)
    assert got[2] == pytest.approx(3.1824463052837078, rel=1e-12)
    assert got[3] == pytest.approx(1.9679030112610865, rel=1e-11)
    assert got[4] == pytest.approx(1.9678765312856952, rel=1e-11)


def test_empty_groups_give_nan_without_floating_point_warnings():
    with np.errstate(all="raise"):  # the functions silence their own 0/0, nothing leaks out
        nps, lo, hi = nps_ci([0], [0], [0])
        wl, wh = wilson([0], [0])
        ml, mh = mean_ci([1.0], [0.0], [1])
    assert all(np.isnan(x[0]) for x in (nps, lo, hi, wl, wh, ml, mh))


def test_nps_lower_bound_is_clipped_at_minus_100():
    nps, lo, hi = nps_ci([0], [9], [10])  # -90 -+ 18.6 would pass -100
    assert nps[0] == pytest.approx(-90) and lo[0] == -100
    assert hi[0] == pytest.approx(-90 + 1.959963984540054 * 100 * np.sqrt((0.9 - 0.81) / 10))


def test_wilson_interval_for_a_single_response():
    lo, hi = wilson([1, 0], [1, 1])
    # one of one: (1 / (1 + z²), 1); none of one: (0, z² / (1 + z²))
    z2 = 1.959963984540054 ** 2
    assert lo[0] == pytest.approx(1 / (1 + z2)) and hi[0] == pytest.approx(1)
    assert lo[1] == pytest.approx(0, abs=1e-12) and hi[1] == pytest.approx(z2 / (1 + z2))


def test_t_quantile_accuracy_on_both_sides_of_the_series_boundary():
    """Newton on the exact CDF up to 300 df (to rounding), the Cornish-Fisher series above it:
    its four terms leave a relative error well under 1e-12 at 301 df and more."""
    from scipy import stats

    from warehouse.stats import t_quantile

    at_300 = t_quantile(0.9995, np.array([300.0]))  # the series would be 1e-11 off here
    assert at_300[0] == pytest.approx(stats.t.ppf(0.9995, 300), rel=1e-12)
    df = np.arange(301, 2001).astype(float)
    got = t_quantile(0.975, df)
    assert np.abs(got / stats.t.ppf(0.975, df) - 1).max() < 4e-13


def test_t_quantile_takes_integer_degrees_of_freedom():
    """An integer array (n - 1 of a count column) gives the same quantiles as floats, also where
    df⁴ no longer fits in 64 bits (df >= 65536)."""
    from warehouse.stats import t_quantile

    df = np.array([3, 30, 300, 301, 65536, 2 ** 20])
    with np.errstate(all="raise"):
        got = t_quantile(0.975, df)
    assert np.allclose(got, t_quantile(0.975, df.astype(float)), rtol=1e-15, atol=0)
    assert np.isfinite(got).all()
