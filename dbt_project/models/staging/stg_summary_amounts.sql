with source as (
    select * from {{ source('staging', 'summary_amount') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- classification
        table_kind,
        side,
        item,
        item_key,
        row_number,
        measure,
        -- amounts
        amount_yuan::numeric(20, 2) as amount_yuan,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
