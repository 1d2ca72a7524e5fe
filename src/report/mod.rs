//! Reporting: findings → bytes, one file per output format. (Being written.)
