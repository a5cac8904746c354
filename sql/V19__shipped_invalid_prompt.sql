-- The seeded IVR menu's invalid-key prompt was 'option-is-invalid', which is not among Asterisk 22's core sounds
-- (the caller heard nothing). It is now one of our own prompts, shipped in dialplan/sounds/ like the menu's
-- greeting, in the greeting's three languages. A prompt an admin has changed or added is left as it is.
UPDATE ivr_prompts SET sound = 'aftercare/en/invalid-option'
    WHERE menu = 'main' AND kind = 'invalid' AND language = 'en' AND sound = 'option-is-invalid';
INSERT INTO ivr_prompts (menu, kind, language, sound)
    SELECT 'main', 'invalid', 'fr', 'aftercare/fr/invalid-option' FROM ivr_menus m
    WHERE m.name = 'main' AND NOT EXISTS (SELECT 1 FROM ivr_prompts p
        WHERE p.menu = 'main' AND p.kind = 'invalid' AND p.language = 'fr');
INSERT INTO ivr_prompts (menu, kind, language, sound)
    SELECT 'main', 'invalid', 'de', 'aftercare/de/invalid-option' FROM ivr_menus m
    WHERE m.name = 'main' AND NOT EXISTS (SELECT 1 FROM ivr_prompts p
        WHERE p.menu = 'main' AND p.kind = 'invalid' AND p.language = 'de');
