{{ config(indexes=[{'columns': ['fiscal_year', 'functional_code'], 'unique': True}]) }}

-- Codes as the documents print them, keyed by (fiscal_year, functional_code): the
-- classification is revised yearly, so a code's name may differ between years.
with codes as (
    select
        fiscal_year,
        functional_code,
        functional_name,
        row_number() over (
            partition by fiscal_year, functional_code
            order by length(functional_name) desc, functional_name
        ) as pick
    from {{ ref('int_functional_pivoted') }}
    where functional_code is not null
)

select
    fiscal_year,
    functional_code,
    functional_name,
    {{ functional_level("functional_code") }} as level,
    left(functional_code, 3) as class_code,
    case when length(functional_code) >= 5 then left(functional_code, 5) end as section_code
from codes
where pick = 1
