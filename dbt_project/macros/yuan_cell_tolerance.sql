{# docs/contract.md tolerance: (n summed cells + 1) × half of the last printed digit in the table's unit. #}
{% macro yuan_cell_tolerance(n_cells, source_unit) -%}
    (({{ n_cells }}) + 1) * case when {{ source_unit }} = '万元' then 50.00 else 0.005 end
{%- endmacro %}
