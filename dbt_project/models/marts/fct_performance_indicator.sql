{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id']}],
) }}

select
    d.department_id,
    d.fiscal_year,
    p.project_seq,
    p.project_name,
    p.phase,
    i.indicator_seq,
    i.level1,
    i.level2,
    i.indicator,
    i.long_term_target_value,
    i.target_value,
    i.adjusted_target_value,
    i.actual_value,
    i.weight,
    i.score,
    i.deviation_reason,
    i.document_id
from {{ ref('stg_project_indicators') }} as i
inner join {{ ref('stg_projects') }} as p using (document_id, project_seq)
inner join {{ ref('int_current_table_documents') }} as d using (document_id)
where {{ in_changed_documents('i.document_id') }}
