-- One row per fiscal year (财政年度, a calendar year in China) from 2000 to 2050: MetricFlow's
-- time spine. Fiscal years are the finest grain any govfin measure has.
select make_date(spine.calendar_year, 1, 1) as fiscal_year_start
from generate_series(2000, 2050) as spine (calendar_year)
