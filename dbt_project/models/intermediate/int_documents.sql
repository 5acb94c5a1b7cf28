-- Loaded documents with a stable department id, the phase they report, and which are current.
-- A publication (department, year, kind, scope) may come in parts: a complete document serves
-- both roles, a text part (情况说明) the prose and a tables part (公开表) the tables. In each role
-- the current document is a correction (更正) before anything it corrects, then the one dated
-- latest on its cover, then the one whose bytes were first seen latest (a republication); it
-- supersedes the one ranked after it.
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

keyed as (
    select
        *,
        left(md5(concat_ws('|', department_id, fiscal_year, document_kind, disclosure_scope)), 16) as publication_id
    from identified
),

roles as (
    select
        k.document_id,
        k.publication_id,
        k.is_correction,
        k.published_on,
        k.first_seen_at,
        k.loaded_at,
        r.role
    from keyed as k
    cross join (values ('tables'), ('text')) as r (role)
    where k.document_part in ('complete', r.role)
),

ranked as (
    select
        document_id,
        role,
        row_number() over by_recency = 1 as is_current_in_role,
        lead(document_id) over by_recency as next_document_id
    from roles
    window by_recency as (
        partition by publication_id, role
        order by is_correction desc, published_on desc nulls last, first_seen_at desc, loaded_at desc, document_id asc
    )
),

per_document as (
    select
        document_id,
        bool_or(is_current_in_role and role = 'tables') as is_current_for_tables,
        bool_or(is_current_in_role and role = 'text') as is_current_for_text,
        -- the document this one displaced: the next in its first role
        (array_agg(next_document_id order by role))[1] as supersedes_document_id
    from ranked
    group by document_id
)

select
    k.*,
    p.is_current_for_tables or p.is_current_for_text as is_current,
    p.is_current_for_tables,
    p.is_current_for_text,
    p.supersedes_document_id
from keyed as k
inner join per_document as p using (document_id)
