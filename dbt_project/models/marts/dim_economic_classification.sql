with codes as (
    select
        economic_code,
        economic_name,
        expense_category,
        row_number() over (partition by economic_code order by length(economic_name) desc) as pick
    from {{ ref('stg_economic_amounts') }}
    where economic_code is not null
)

select
    economic_code,
    economic_name,
    case length(economic_code) when 3 then 1 else 2 end as level,
    left(economic_code, 3) as class_code,
    expense_category
from codes
where pick = 1
