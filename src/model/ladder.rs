//! Grade ladders (优/良/中/差): direction, gaps, overlaps, grading.
