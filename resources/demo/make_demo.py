#!/usr/bin/env python3
"""Regenerates the sandbox's demo projects: small PNGs drawn with ImageMagick's `convert` and the
three PROJECT.json files that `kili-sandbox --seed demo` loads. Deterministic; run it from
anywhere, then commit the results (images stay well under 20 KB each)."""
import json
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "images")
rng = random.Random(4)

HUMANS = ["demo@sandbox.kili.local", "alice@sandbox.kili.local", "bob@sandbox.kili.local"]
REVIEWER = "rita@sandbox.kili.local"


def convert(args, out):
    subprocess.run(["convert", *args, "-strip", "-colors", "24", "PNG8:" + out], check=True)


def stamp(day, minute):
    return "2026-11-%02dT%02d:%02d:%02d.%03dZ" % (day, 8 + minute // 60, minute % 60,
                                                 rng.randrange(60), rng.randrange(1000))


# ---------------------------------------------------------------- Porsche or Tesla
SKIES = ["#cfe8ff", "#ffe9c7", "#e3e3f7", "#d8f5e0", "#f7dede"]
PORSCHE_COLORS = ["#c0392b", "#f1c40f", "#2c3e50", "#7f8c8d", "#e67e22", "#16a085", "#8e44ad",
                  "#27ae60", "#d35400", "#34495e", "#c0392b", "#2980b9", "#bdc3c7", "#f39c12",
                  "#1abc9c"]
TESLA_COLORS = ["#ecf0f1", "#2c3e50", "#c0392b", "#2980b9", "#95a5a6", "#34495e", "#ecf0f1",
                "#7f8c8d", "#c0392b", "#2c3e50", "#bdc3c7", "#2980b9", "#ffffff", "#555555",
                "#8e1b1b"]


def draw_car(path, kind, color, sky, shift, index):
    x = 40 + shift
    if kind == "porsche":
        # Low fastback: the roof slopes all the way down to the rear bumper.
        body = "polygon %d,130 %d,105 %d,92 %d,70 %d,68 %d,95 %d,108 %d,130" % (
            x, x + 10, x + 60, x + 105, x + 150, x + 215, x + 240, x + 240)
        window = "polygon %d,92 %d,74 %d,74 %d,92" % (x + 75, x + 108, x + 148, x + 180)
        label = "PORSCHE 911"
    else:
        # Sedan: taller glass house, short flat trunk.
        body = "polygon %d,130 %d,100 %d,92 %d,62 %d,60 %d,88 %d,96 %d,130" % (
            x, x + 5, x + 45, x + 85, x + 165, x + 200, x + 240, x + 240)
        window = "polygon %d,90 %d,66 %d,66 %d,90" % (x + 55, x + 90, x + 160, x + 190)
        label = "TESLA MODEL 3"
    convert(["-size", "320x180", "xc:" + sky,
             "-fill", "#6d6d6d", "-draw", "rectangle 0,140 320,180",
             "-fill", "#ffffff", "-draw", "rectangle 20,158 60,161",
             "-draw", "rectangle 130,158 170,161", "-draw", "rectangle 240,158 280,161",
             "-fill", color, "-stroke", "#111111", "-strokewidth", "2", "-draw", body,
             "-fill", "#9fd3f5", "-draw", window,
             "-fill", "#1b1b1b", "-draw", "circle %d,132 %d,150" % (x + 50, x + 50),
             "-draw", "circle %d,132 %d,150" % (x + 195, x + 195),
             "-fill", "#cccccc", "-draw", "circle %d,132 %d,140" % (x + 50, x + 50),
             "-draw", "circle %d,132 %d,140" % (x + 195, x + 195),
             "-stroke", "none", "-fill", "#111111", "-pointsize", "16",
             "-draw", "text 10,24 '%s #%02d'" % (label, index)], path)


def classification(name, confidence=100):
    return {"CLASSIFICATION_JOB": {"categories": [{"name": name, "confidence": confidence}]}}


def porsche_workflow(i):
    """Who the cars still to label are assigned to, and the issues and questions raised: what
    the sandbox's assigneeIn and issue filters select on. Uses no random numbers, so the rest of
    the demo stays as it was."""
    extra = {}
    if i >= 24:
        extra["assignees"] = [HUMANS[1 + i % 2]]
    issues = {
        4: {"type": "ISSUE", "status": "OPEN", "text": "The image is blurry.",
            "author": HUMANS[1]},
        9: {"type": "QUESTION", "status": "SOLVED",
            "text": "Does a Tesla Roadster count as a Tesla?", "author": HUMANS[2]},
        17: {"type": "ISSUE", "status": "SOLVED", "text": "The wheels are cut off.",
             "author": REVIEWER},
        26: {"type": "QUESTION", "status": "OPEN", "text": "Is this a Taycan?",
             "author": HUMANS[2]},
    }
    if i in issues:
        extra["issues"] = [issues[i]]
    return extra


def porsche_or_tesla():
    assets = []
    for i in range(30):
        kind = "porsche" if i % 2 == 0 else "tesla"
        colors = PORSCHE_COLORS if kind == "porsche" else TESLA_COLORS
        name = "car-%02d.png" % (i + 1)
        draw_car(os.path.join(IMAGES, name), kind, colors[i // 2], SKIES[i % len(SKIES)],
                 rng.randrange(0, 40), i + 1)
        truth = kind.upper()
        other = "TESLA" if truth == "PORSCHE" else "PORSCHE"
        labels = []
        if i % 3 == 0:  # the model's pre-annotations came first
            right = i % 9 != 0
            labels.append({"labelType": "PREDICTION", "modelName": "v0.0.1",
                           "jsonResponse": classification(truth if right else other,
                                                          rng.randrange(55, 99)),
                           "createdAt": stamp(2, i), "author": HUMANS[0]})
        if i == 29:
            labels.append({"labelType": "AUTOSAVE", "jsonResponse": classification(truth),
                           "createdAt": stamp(3, i), "author": HUMANS[1], "secondsToLabel": 3})
        elif i < 24:
            labels.append({"labelType": "DEFAULT", "jsonResponse": classification(truth),
                           "createdAt": stamp(3, 10 + i), "author": HUMANS[i % 3],
                           "secondsToLabel": rng.randrange(2, 20)})
        if i < 24 and i % 4 == 1:
            labels.append({"labelType": "REVIEW", "jsonResponse": classification(truth),
                           "createdAt": stamp(4, 10 + i), "author": REVIEWER,
                           "secondsToLabel": rng.randrange(1, 6)})
        asset = {"externalId": "car-%02d" % (i + 1), "content": "images/" + name,
                 "jsonMetadata": {"source": "drawn by make_demo.py", "index": i + 1},
                 "labels": labels}
        asset.update(porsche_workflow(i))
        assets.append(asset)
    return {
        "title": "Porsche or Tesla",
        "description": "Is the car a Porsche or a Tesla? The image classification project of "
                       "Kili's getting-started tutorial.",
        "inputType": "IMAGE",
        "jsonInterface": {"jobs": {"CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION", "required": 1, "isChild": False,
            "instruction": "Car brand",
            "content": {"input": "radio", "categories": {
                "PORSCHE": {"name": "Porsche", "children": [], "color": "#472CED"},
                "TESLA": {"name": "Tesla", "children": [], "color": "#5CE7B7"}}}}}},
        "assets": assets,
    }


# ---------------------------------------------------------------- street objects
W, H = 400, 250


def rect_poly(x0, y0, x1, y1):
    # Kili's rectangle order: bottom-left, top-left, top-right, bottom-right (normalised).
    return [{"normalizedVertices": [
        {"x": round(x0 / W, 4), "y": round(y1 / H, 4)}, {"x": round(x0 / W, 4), "y": round(y0 / H, 4)},
        {"x": round(x1 / W, 4), "y": round(y0 / H, 4)}, {"x": round(x1 / W, 4), "y": round(y1 / H, 4)}]}]


def poly(points):
    return [{"normalizedVertices": [{"x": round(x / W, 4), "y": round(y / H, 4)} for x, y in points]}]


def jitter(points, amount):
    return [(x + rng.uniform(-amount, amount), y + rng.uniform(-amount, amount)) for x, y in points]


# The mistakes the two demo models make, per street scene (0-based), so that `kili-desk-cli
# evaluate` finds something: a pedestrian taken for a car, a second box on one car, a missed sign,
# a sign where there is none, a box too loose for the stricter IoU thresholds. Drawn from their own
# random generator: the scenes, the boxes' jitter and every other figure stay as they were.
YOLO_MISTAKES = {1: "wrong-class", 2: "duplicate", 3: "missed-sign", 4: "false-alarm", 5: "loose"}
DETR_MISTAKES = {0: "missed-pedestrian", 4: "wrong-class", 6: "loose"}
mistakes_rng = random.Random(20)


def model_mistakes(response, mistake):
    annotations = response["OBJECT_DETECTION_JOB"]["annotations"]
    car, person = annotations[0], annotations[1]
    if mistake == "wrong-class":
        person["categories"][0]["name"] = "CAR"
    elif mistake == "duplicate":
        twin = json.loads(json.dumps(car))
        for vertex in twin["boundingPoly"][0]["normalizedVertices"]:
            vertex["x"] = round(vertex["x"] + 0.03, 4)
        twin["mid"] = car["mid"] + "-twin"
        twin["categories"][0]["confidence"] = twin["score"] = mistakes_rng.randrange(40, 60)
        annotations.append(twin)
    elif mistake == "missed-sign":
        del annotations[2]
    elif mistake == "missed-pedestrian":
        del annotations[1]
    elif mistake == "false-alarm":
        x, y = mistakes_rng.uniform(0.05, 0.2), mistakes_rng.uniform(0.05, 0.15)
        confidence = mistakes_rng.randrange(35, 55)
        annotations.append({"boundingPoly": poly([(x * W, y * H), ((x + 0.06) * W, y * H),
                                                  ((x + 0.03) * W, (y + 0.12) * H)]),
                            "categories": [{"name": "TRAFFIC_SIGN", "confidence": confidence}],
                            "type": "polygon", "mid": "sign-extra", "children": {},
                            "score": confidence})
    elif mistake == "loose":
        vertices = car["boundingPoly"][0]["normalizedVertices"]
        x0 = min(v["x"] for v in vertices)
        x1 = max(v["x"] for v in vertices)
        for vertex in vertices:
            vertex["x"] = round(x0 - 0.12 * (x1 - x0) if vertex["x"] == x0 else x1 + 0.12 * (x1 - x0), 4)
    return response


def street_objects():
    assets = []
    plates = ["AB-123-CD", "KL-404-QT", "ZZ-777-AA", "FR-220-XY", "GH-051-PM", "TS-300-EV",
              "PO-911-RS", "DE-555-LN"]
    for i in range(8):
        name = "street-%02d.png" % (i + 1)
        cx = 40 + rng.randrange(0, 60)
        car = (cx, 150, cx + 150, 215)
        px = 250 + rng.randrange(0, 40)
        person = (px, 120, px + 28, 215)
        sx, sy = 340, 60
        sign = [(sx, sy - 30), (sx + 28, sy + 20), (sx - 28, sy + 20)]
        convert(["-size", "%dx%d" % (W, H), "xc:#dff1ff",
                 "-fill", "#8a8a8a", "-draw", "rectangle 0,200 400,250",
                 "-fill", "#b5651d", "-draw", "rectangle 0,40 120,200",
                 "-fill", "#3b7dd8", "-stroke", "#111111", "-strokewidth", "2",
                 "-draw", "roundrectangle %d,%d %d,%d 12,12" % (car[0], car[1] + 15, car[2], car[3] - 10),
                 "-draw", "rectangle %d,%d %d,%d" % (car[0] + 30, car[1], car[2] - 30, car[1] + 20),
                 "-fill", "#ffffff", "-draw", "rectangle %d,%d %d,%d" % (car[0] + 55, car[3] - 28, car[0] + 95, car[3] - 16),
                 "-fill", "#1b1b1b", "-draw", "circle %d,%d %d,%d" % (car[0] + 30, car[3] - 8, car[0] + 30, car[3] + 5),
                 "-draw", "circle %d,%d %d,%d" % (car[2] - 30, car[3] - 8, car[2] - 30, car[3] + 5),
                 "-fill", "#f0c8a0", "-draw", "circle %d,%d %d,%d" % (px + 14, 132, px + 14, 144),
                 "-fill", "#c0392b", "-draw", "rectangle %d,%d %d,%d" % (px + 2, 145, px + 26, 185),
                 "-fill", "#2c3e50", "-draw", "rectangle %d,%d %d,%d" % (px + 4, 185, px + 24, 215),
                 "-fill", "#555555", "-draw", "rectangle %d,%d %d,%d" % (sx - 2, sy + 20, sx + 2, 200),
                 "-fill", "#f1c40f", "-draw", "polygon " + " ".join("%d,%d" % p for p in sign),
                 "-stroke", "none", "-fill", "#111111", "-pointsize", "14",
                 "-draw", "text 130,24 'STREET SCENE #%d'" % (i + 1)],
                os.path.join(IMAGES, name))

        def annotations(noise, confident):
            car_box = jitter([(car[0], car[1]), (car[2], car[3])], noise)
            person_box = jitter([(person[0], person[1]), (person[2], person[3])], noise)
            conf = (lambda: rng.randrange(60, 99)) if confident else (lambda: 100)
            out = [
                {"boundingPoly": rect_poly(car_box[0][0], car_box[0][1], car_box[1][0], car_box[1][1]),
                 "categories": [{"name": "CAR", "confidence": conf()}], "type": "rectangle",
                 "mid": "car-%d" % (i + 1),
                 "children": {"PLATE_TRANSCRIPTION": {"text": plates[i]}}},
                {"boundingPoly": rect_poly(person_box[0][0], person_box[0][1], person_box[1][0], person_box[1][1]),
                 "categories": [{"name": "PEDESTRIAN", "confidence": conf()}], "type": "rectangle",
                 "mid": "pedestrian-%d" % (i + 1), "children": {}},
                {"boundingPoly": poly(jitter(sign, noise)),
                 "categories": [{"name": "TRAFFIC_SIGN", "confidence": conf()}], "type": "polygon",
                 "mid": "sign-%d" % (i + 1), "children": {}},
            ]
            if confident:
                for annotation in out:
                    annotation["score"] = annotation["categories"][0]["confidence"]
            return {"OBJECT_DETECTION_JOB": {"annotations": out}}

        labels = [{"labelType": "PREDICTION", "modelName": "yolo-v8-run3",
                   "jsonResponse": model_mistakes(annotations(6, True), YOLO_MISTAKES.get(i)),
                   "createdAt": stamp(5, i)}]
        if i % 2 == 0 or i == 7:
            labels.append({"labelType": "PREDICTION", "modelName": "detr-r50",
                           "jsonResponse": model_mistakes(annotations(9, True),
                                                          DETR_MISTAKES.get(i)),
                           "createdAt": stamp(5, 30 + i)})
        if i < 6:
            labels.append({"labelType": "DEFAULT", "jsonResponse": annotations(0, False),
                           "createdAt": stamp(6, i), "author": HUMANS[i % 3],
                           "secondsToLabel": rng.randrange(30, 120)})
        if i in (0, 3):
            labels.append({"labelType": "REVIEW", "jsonResponse": annotations(0, False),
                           "createdAt": stamp(7, i), "author": REVIEWER, "secondsToLabel": 12})
        assets.append({"externalId": "street-%02d" % (i + 1), "content": "images/" + name,
                       "jsonMetadata": {"camera": "dashcam-%d" % (i % 3 + 1)}, "labels": labels})
    return {
        "title": "Street objects",
        "description": "Object detection: cars (with their licence plate transcribed), pedestrians "
                       "and traffic signs, with human labels and predictions of two models.",
        "inputType": "IMAGE",
        # The one step-based demo project, so that step filters have somewhere to run.
        "workflowVersion": "V2",
        "jsonInterface": {"jobs": {
            "OBJECT_DETECTION_JOB": {
                "mlTask": "OBJECT_DETECTION", "tools": ["rectangle", "polygon"], "required": 1,
                "isChild": False, "instruction": "Street objects",
                "content": {"input": "radio", "categories": {
                    "CAR": {"name": "Car", "children": ["PLATE_TRANSCRIPTION"], "color": "#472CED"},
                    "PEDESTRIAN": {"name": "Pedestrian", "children": [], "color": "#D33BCE"},
                    "TRAFFIC_SIGN": {"name": "Traffic sign", "children": [], "color": "#FFD700"}}}},
            "PLATE_TRANSCRIPTION": {
                "mlTask": "TRANSCRIPTION", "required": 0, "isChild": True,
                "instruction": "Licence plate", "content": {"input": "textField"}}}},
        "assets": assets,
    }


# ---------------------------------------------------------------- news entities
TEXTS = [
    ("Alice Martin joined Kili Technology in Paris to lead the annotation team.",
     [("Alice Martin", "PERSON"), ("Kili Technology", "ORGANIZATION"), ("Paris", "LOCATION")],
     [("WORKS_FOR", 0, 1), ("LOCATED_IN", 1, 2)]),
    ("Tesla opened a new factory near Berlin, said Elon Musk on Tuesday.",
     [("Tesla", "ORGANIZATION"), ("Berlin", "LOCATION"), ("Elon Musk", "PERSON")],
     [("WORKS_FOR", 2, 0), ("LOCATED_IN", 0, 1)]),
    ("Porsche, based in Stuttgart, presented its electric Taycan.",
     [("Porsche", "ORGANIZATION"), ("Stuttgart", "LOCATION")], [("LOCATED_IN", 0, 1)]),
    ("Marie Curie worked at the University of Paris for most of her career.",
     [("Marie Curie", "PERSON"), ("University of Paris", "ORGANIZATION")], [("WORKS_FOR", 0, 1)]),
    ("The European Space Agency launched a probe from Kourou.",
     [("European Space Agency", "ORGANIZATION"), ("Kourou", "LOCATION")], [("LOCATED_IN", 0, 1)]),
    ("Ada Lovelace corresponded with Charles Babbage from London.",
     [("Ada Lovelace", "PERSON"), ("Charles Babbage", "PERSON"), ("London", "LOCATION")], []),
    ("Qt Group, headquartered in Espoo, released a new version of its framework.",
     [("Qt Group", "ORGANIZATION"), ("Espoo", "LOCATION")], [("LOCATED_IN", 0, 1)]),
    ("Grace Hopper served in the United States Navy for decades.",
     [("Grace Hopper", "PERSON"), ("United States Navy", "ORGANIZATION")], [("WORKS_FOR", 0, 1)]),
]


def news_entities():
    assets = []
    for i, (text, entities, relations) in enumerate(TEXTS):
        def response(keep, confident):
            annotations = []
            for j, (words, category) in enumerate(entities):
                if j >= keep:
                    break
                begin = text.index(words)
                entry = {"categories": [{"name": category}], "beginOffset": begin,
                         "endOffset": begin + len(words), "content": words, "mid": "e%d-%d" % (i, j)}
                if confident:
                    entry["categories"][0]["confidence"] = rng.randrange(70, 99)
                annotations.append(entry)
            links = [{"categories": [{"name": name}], "startEntities": [{"mid": "e%d-%d" % (i, a)}],
                      "endEntities": [{"mid": "e%d-%d" % (i, b)}], "mid": "r%d-%d" % (i, k)}
                     for k, (name, a, b) in enumerate(relations) if a < keep and b < keep]
            return {"NAMED_ENTITIES_RECOGNITION_JOB": {"annotations": annotations},
                    "NAMED_ENTITIES_RELATION_JOB": {"annotations": links}}

        labels = []
        if i % 2 == 0:
            labels.append({"labelType": "PREDICTION", "modelName": "spacy-en-core-sm",
                           "jsonResponse": response(len(entities) - 1 if i == 4 else len(entities), True),
                           "createdAt": stamp(8, i)})
        if i < 6:
            labels.append({"labelType": "DEFAULT", "jsonResponse": response(len(entities), False),
                           "createdAt": stamp(9, i), "author": HUMANS[i % 3],
                           "secondsToLabel": rng.randrange(20, 90)})
        if i == 2:
            labels.append({"labelType": "REVIEW", "jsonResponse": response(len(entities), False),
                           "createdAt": stamp(10, i), "author": REVIEWER})
        assets.append({"externalId": "news-%02d" % (i + 1), "content": text,
                       "jsonMetadata": {"section": ["tech", "science", "business"][i % 3]},
                       "labels": labels})
    return {
        "title": "News entities",
        "description": "Named entities (people, organisations, places) and the relations between "
                       "them in short news sentences.",
        "inputType": "TEXT",
        "jsonInterface": {"jobs": {
            "NAMED_ENTITIES_RECOGNITION_JOB": {
                "mlTask": "NAMED_ENTITIES_RECOGNITION", "required": 1, "isChild": False,
                "instruction": "Entities", "content": {"input": "radio", "categories": {
                    "PERSON": {"name": "Person", "children": [], "color": "#472CED"},
                    "ORGANIZATION": {"name": "Organization", "children": [], "color": "#5CE7B7"},
                    "LOCATION": {"name": "Location", "children": [], "color": "#D33BCE"}}}},
            "NAMED_ENTITIES_RELATION_JOB": {
                "mlTask": "NAMED_ENTITIES_RELATION", "required": 0, "isChild": False,
                "instruction": "Relations", "content": {"input": "radio", "categories": {
                    "WORKS_FOR": {"name": "Works for", "children": [], "color": "#FB753C",
                                  "startEntities": ["PERSON"], "endEntities": ["ORGANIZATION"]},
                    "LOCATED_IN": {"name": "Located in", "children": [], "color": "#3CBEFB",
                                   "startEntities": ["ORGANIZATION"], "endEntities": ["LOCATION"]}}}}}},
        "assets": assets,
    }


def main():
    os.makedirs(IMAGES, exist_ok=True)
    projects = {"porsche-or-tesla.json": porsche_or_tesla(),
                "street-objects.json": street_objects(),
                "news-entities.json": news_entities()}
    for name, project in projects.items():
        with open(os.path.join(HERE, name), "w") as out:
            json.dump(project, out, indent=1)
            out.write("\n")
    # The one image every asset of a generated (--generate) project shows.
    convert(["-size", "160x120", "xc:#eeeeee", "-fill", "#999999", "-pointsize", "14",
             "-draw", "text 20,65 'generated asset'"], os.path.join(HERE, "placeholder.png"))


if __name__ == "__main__":
    main()
