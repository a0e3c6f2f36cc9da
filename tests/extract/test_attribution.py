

def test_title_case_headlines_name_no_people(vocab_for_attribution=None):
    from kg.extract.attribution import Attributor
    from kg.vocab import vocabulary

    att = Attributor(vocabulary(), None)
    found = att.mentions("Number of Civilians Killed in US-Led Operations in Syria, Iraq Rises to 1,061")
    assert [m.ref.label for m in found if m.kind == "person"] == []
    found = att.mentions("Chris Woods, who leads Airwars, told Air Force Times the figure was too low.")
    assert "Chris Woods" in [m.ref.label for m in found if m.kind == "person"]
