{{ config(indexes=[{'columns': ['department_id'], 'unique': True}]) }}

with ranked as (
    select
        department_id,
        department_name,
        region_name,
        province,
        admin_level,
        department_code,
        row_number() over (partition by department_id order by fiscal_year desc, loaded_at desc) as recency
    from {{ ref('int_documents') }}
)

select
    department_id,
    department_name,
    region_name,
    province,
    admin_level,
    department_code
from ranked
where recency = 1
