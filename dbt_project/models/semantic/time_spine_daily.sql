-- One row per day, 2000-01-01 to 2050-12-31: MetricFlow requires a day-grain time spine even
-- where every measure is yearly (its fiscal-year spine is time_spine_fiscal_year).
select spine.day_start::date as date_day
from generate_series(date '2000-01-01', date '2050-12-31', interval '1 day') as spine (day_start)
