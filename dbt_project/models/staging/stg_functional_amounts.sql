with source as (
    select * from {{ source('staging', 'functional_amount') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- classification
        table_kind,
        functional_code,
        functional_name,
        is_total,
        measure,
        -- amounts
        amount_yuan::numeric(20, 2) as amount_yuan,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
