{#
    The rows of a staging fact relation with the table they were printed in: the table of their kind
    whose title stands above them (staging.document_table), by page (a spreadsheet's sheet numbers
    its lines from 1) and line. ``table_seq`` numbers the document's tables in print order and
    identifies the table (the parser joins a table's continuation pages into one); ``table_key`` is
    its printed number (表6), else its title. ``documents``: a relation (or CTE) of the documents to
    read (document_id, loaded_at), both sides restricted to them (an incremental build reads only
    its new documents); their ``loaded_at`` comes along, so no later join to them is needed (a join
    on top of aggregates is estimated at one row and planned as a nested loop over all documents).
#}
{% macro rows_in_tables(relation, documents=none) %}
    select
        r.*,
        t.table_key,
        t.table_seq
        {%- if documents %},
        d.loaded_at{% endif %}
    from {{ relation }} as r
    {% if documents %}inner join {{ documents }} as d on r.document_id = d.document_id{% endif %}
    inner join (
        select
            document_id,
            table_kind,
            coalesce(page, 0) as table_page,
            line_no as table_line_no,
            coalesce(number_label, title) as table_key,
            row_number() over (partition by document_id order by coalesce(page, 0), line_no) as table_seq,
            lead(coalesce(page, 0)) over (partition by document_id order by coalesce(page, 0), line_no)
                as next_page,
            lead(line_no) over (partition by document_id order by coalesce(page, 0), line_no) as next_line_no
        from {{ source('staging', 'document_table') }}
        {% if documents %}where document_id in (select document_id from {{ documents }}){% endif %}
    ) as t
        on
            r.document_id = t.document_id
            and r.table_kind = t.table_kind
            and (coalesce(r.page, 0), r.line_no) >= (t.table_page, t.table_line_no)
            and (t.next_line_no is null or (coalesce(r.page, 0), r.line_no) < (t.next_page, t.next_line_no))
{% endmacro %}
