-- Admitted documents (quarantined ones stay out: int_document_status lists them) with a stable
-- department id, the phase they report, and which feed the marts (docs/documents.md).
--
-- A publication (department, year, kind, scope) may come in parts: a complete document serves both
-- roles, a text part (情况说明) the prose and a tables part (公开表) the tables. Its versions are ranked
-- in each role: a correction (更正) before anything it corrects, then the one dated latest on its
-- cover, then the one whose bytes were first seen latest (a republication or re-crawl), then the
-- smallest document id; each supersedes the one ranked after it.
--
-- A department-year-phase may be published twice: a consolidated 部门 publication and its
-- 单位 / 本级 twin. They form one twin group; in each role exactly one document of the group feeds
-- the marts: a consolidated (部门) one before a 单位 / 本级 one, then the version order above. So
-- every fact of the marts comes from one tables document and one text document per department, year
-- and phase, whatever was loaded, and the parts of twin publications complement each other.
with keyed as (
    select * from {{ ref('int_documents_keyed') }}
    where status = 'loaded'
),

roles as (
    select
        k.document_id,
        k.publication_id,
        k.twin_group_key,
        coalesce(k.disclosure_scope = 'department', false) as is_consolidated,
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
        row_number() over by_recency = 1 as is_latest_in_publication,
        lead(document_id) over by_recency as next_document_id,
        row_number() over by_choice = 1 as is_chosen_in_role,
        first_value(document_id) over by_choice as chosen_in_role
    from roles
    window
        by_recency as (
            partition by publication_id, role
            order by
                is_correction desc, published_on desc nulls last, first_seen_at desc, loaded_at desc, document_id asc
        ),
        by_choice as (
            partition by twin_group_key, role
            order by
                is_consolidated desc, is_correction desc, published_on desc nulls last, first_seen_at desc,
                loaded_at desc, document_id asc
        )
),

per_document as (
    select
        document_id,
        bool_or(is_chosen_in_role and role = 'tables') as is_current_for_tables,
        bool_or(is_chosen_in_role and role = 'text') as is_current_for_text,
        bool_or(is_latest_in_publication) as is_latest_in_publication,
        -- the document this one displaced in its publication: the next in its first role
        (array_agg(next_document_id order by role))[1] as supersedes_document_id,
        -- the document of its twin group chosen in its first role
        (array_agg(chosen_in_role order by role))[1] as chosen_in_first_role
    from ranked
    group by document_id
)

select
    k.*,
    p.is_current_for_tables or p.is_current_for_text as is_current,
    p.is_current_for_tables,
    p.is_current_for_text,
    p.supersedes_document_id,
    case
        when p.is_current_for_tables or p.is_current_for_text then 'current'
        -- the latest version of its own publication, but a twin publication was chosen
        when p.is_latest_in_publication then 'twin_not_chosen'
        else 'superseded'
    end as document_status,
    case
        when p.is_current_for_tables or p.is_current_for_text then k.document_id
        else p.chosen_in_first_role
    end as chosen_document_id
from keyed as k
inner join per_document as p using (document_id)
