//! Indicator value expressions (指标值, 评价标准) parsed from their verbatim text.
