"""What checks share (no check lives here): finding construction, windows and the 未能检测 cases
(findings), the samples the rules prescribe (prescribed_samples), site-wide features (site_features), 咨询
channels (consultation), policy/解读 pairing (interpretation_pairing) and content-security wording
(content_pages)."""
