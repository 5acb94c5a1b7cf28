{{ config(indexes=[{'columns': ['department_id'], 'unique': True}]) }}

-- the latest year's document; of its parts, one that prints the department code
select distinct on (department_id)
    department_id,
    department_name,
    region_name,
    province,
    prefecture,
    county,
    adcode,
    admin_level,
    department_code
from {{ ref('int_documents') }}
order by department_id asc, fiscal_year desc, (department_code is not null) desc, loaded_at desc
