"""Printed tables as grids: header tree, column roles, codes in any printing, wrapped and
repeated cells, subtotal levels, unit blocks, amounts, arithmetic checks.
"""
