-- One row per department, fiscal year and kind (budget / final account) of the corpus: present
-- (a document loaded), refused (only files that failed to load name it) or missing (neither).
-- Departments and years are those any document names, loaded or refused; the grid is their cross
-- product, built from per-cell aggregates (no join per document pair).
with loaded as (
    select
        department_id,
        department_name,
        fiscal_year,
        document_kind,
        count(*) as documents_loaded
    from {{ ref('document_health') }}
    where fiscal_year is not null and document_kind is not null
    group by department_id, department_name, fiscal_year, document_kind
),

refused as (
    select
        -- the department key of int_documents
        left(md5(normalize(department, nfkc)), 16) as department_id,
        max(department) as department_name,
        fiscal_year,
        document_kind,
        count(*) as files_refused
    from {{ ref('document_load') }}
    where status = 'failed' and department is not null and fiscal_year is not null and document_kind is not null
    group by normalize(department, nfkc), fiscal_year, document_kind
),

departments as (
    select
        department_id,
        max(department_name) as department_name
    from (
        select
            department_id,
            department_name
        from loaded
        union all
        select
            department_id,
            department_name
        from refused
    ) as named
    group by department_id
),

years as (
    select fiscal_year from loaded
    union
    select fiscal_year from refused
),

kinds as (
    select document_kind from (values ('budget'), ('final_account')) as k (document_kind)
),

cells as (
    select
        d.department_id,
        d.department_name,
        y.fiscal_year,
        k.document_kind
    from departments as d
    cross join years as y
    cross join kinds as k
),

counted as (
    select
        department_id,
        fiscal_year,
        document_kind,
        sum(documents_loaded) as documents_loaded,
        sum(files_refused) as files_refused
    from (
        select
            department_id,
            fiscal_year,
            document_kind,
            documents_loaded,
            0 as files_refused
        from loaded
        union all
        select
            department_id,
            fiscal_year,
            document_kind,
            0 as documents_loaded,
            files_refused
        from refused
    ) as both_sides
    group by department_id, fiscal_year, document_kind
)

select
    -- ids
    c.department_id,
    c.department_name,
    c.fiscal_year,
    c.document_kind,
    -- coverage
    case
        when coalesce(n.documents_loaded, 0) > 0 then 'present'
        when coalesce(n.files_refused, 0) > 0 then 'refused'
        else 'missing'
    end as coverage,
    coalesce(n.documents_loaded, 0)::integer as documents_loaded,
    coalesce(n.files_refused, 0)::integer as files_refused
from cells as c
left join counted as n using (department_id, fiscal_year, document_kind)
