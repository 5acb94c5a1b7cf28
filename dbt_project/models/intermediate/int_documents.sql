-- Loaded documents with a stable department id, the phase they report, and whether each
-- is the current version of its department/year/kind/scope (a republished one supersedes).
with documents as (
    select * from {{ ref('stg_documents') }}
    where status = 'loaded'
),

identified as (
    select
        *,
        left(md5(coalesce(department_name, source_file)), 16) as department_id,
        case document_kind when 'budget' then 'budget' else 'final' end as phase
    from documents
),

ranked as (
    select
        *,
        row_number() over (
            partition by department_id, fiscal_year, document_kind, disclosure_scope
            order by loaded_at desc, document_id asc
        ) = 1 as is_current
    from identified
)

select * from ranked
