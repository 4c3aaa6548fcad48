-- ROUTED entries name the routing rule that made the participant a recipient (hashed when set; see AuditEntry).
ALTER TABLE audit_entry ADD COLUMN routing_rule VARCHAR(200);
