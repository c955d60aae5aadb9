"""What checks share (no check lives here): finding construction and the 未能检测 cases (findings),
site-wide features (site_features), 咨询 channels (consultation), policy/解读 pairing
(interpretation_pairing) and content-security page locations (content_pages)."""
