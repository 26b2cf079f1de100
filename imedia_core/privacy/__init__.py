"""Personal data: the register of what is held about people, the rights of access and erasure,
and the retention periods applied by the housekeeping jobs (docs/privacy.md)."""
