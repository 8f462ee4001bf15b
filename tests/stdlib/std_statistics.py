# statistics from the standard library (fractions, decimal, math, bisect, random, collections).
import statistics as st
from fractions import Fraction
from decimal import Decimal

ints = [2, 4, 4, 4, 5, 5, 7, 9]
floats = [1.5, 2.5, 2.5, 2.75, 3.25, 4.75]
fracs = [Fraction(1, 2), Fraction(3, 4), Fraction(5, 4)]
print(st.mean(ints), st.mean(floats), st.mean(fracs), st.fmean(ints), st.mean([Decimal('0.5'), Decimal('0.75')]))
print(st.median(ints), st.median([3, 1, 2]), st.median_low(ints), st.median_high(ints), st.median(fracs))
print(st.median_grouped([52, 52, 53, 54]), st.mode(ints), st.mode('aabbbc'), st.multimode('aabbcc'))
print(st.pstdev(ints), st.stdev(ints), st.pvariance(ints), st.variance(ints), st.variance(fracs))
print(st.variance(floats), st.stdev(floats), st.pvariance([Decimal('1.5'), Decimal('2.5')]))
print(st.geometric_mean([1, 2, 4]), st.harmonic_mean([40, 60]), st.harmonic_mean([1, 2, 4], weights=[1, 1, 2]))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n=4), st.quantiles(range(1, 11), n=3, method='inclusive'))
print(st.correlation([1, 2, 3, 4], [2, 4, 5, 9]), st.covariance([1, 2, 3], [1, 3, 2]), st.linear_regression([1, 2, 3], [2, 4, 7]))
d = st.NormalDist(100, 15)
print(d, d.cdf(115), d.inv_cdf(0.5), d.pdf(100), d.mean, d.stdev, d.zscore(130), round(d.overlap(st.NormalDist(110, 15)), 6))
print(st.NormalDist.from_samples([1, 2, 3, 4]), d + 5, d * 2)
for bad in ([], ):
    try:
        st.mean(bad)
    except st.StatisticsError as e:
        print('StatisticsError:', e)
try:
    st.variance([1])
except st.StatisticsError as e:
    print('StatisticsError:', e)
