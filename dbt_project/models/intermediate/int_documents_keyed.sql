-- Every loaded document, admitted or quarantined, with its keys: a stable department id, the phase it
-- reports, its publication (department, year, kind, scope) and its twin group (department, year,
-- phase: a 部门 publication and its 单位 / 本级 twin share it).
with documents as (
    select * from {{ ref('stg_documents') }}
    where status in ('loaded', 'quarantined')
),

identified as (
    select
        *,
        left(md5(coalesce(department_key, source_file)), 16) as department_id,
        case document_kind when 'budget' then 'budget' else 'final' end as phase
    from documents
)

select
    *,
    left(md5(concat_ws('|', department_id, fiscal_year, document_kind, disclosure_scope)), 16) as publication_id,
    left(md5(concat_ws('|', department_id, fiscal_year, phase)), 16) as twin_group_key
from identified
