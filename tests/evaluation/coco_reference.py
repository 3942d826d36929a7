#!/usr/bin/python3
"""Writes tests/data/evaluation/coco-reference.json: small detection cases and the figures that
pycocotools' COCOeval (iouType "bbox", maxDets 100, area "all") gives for them.

pycocotools is not in Debian and is not part of this repository. Run with a checkout of
github.com/cocodataset/cocoapi and python3-numpy:

    /usr/bin/python3 tests/evaluation/coco_reference.py /path/to/cocoapi/PythonAPI > tests/data/evaluation/coco-reference.json

Its C extension (pycocotools._mask) is not built: a stand-in `pycocotools.mask` module computes the
IoU in Python — of boxes as COCO does, and of convex polygons as the area of their intersection
(Sutherland–Hodgman clipping) over the area of their union, which is what Kili Desk compares
polygons by. Everything else (matching, accumulation, the 101-point AP) is COCOeval's own code.
"""
import contextlib
import io
import json
import random
import sys
import types

import numpy as np

POLYGONS = {}  # bbox tuple -> polygon vertices, for the stand-in IoU


def area(poly):
    s = 0.0
    for i in range(len(poly)):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % len(poly)]
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def clip(subject, clipper):
    def inside(p, a, b, sign):
        return sign * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0

    def cross(p1, p2, a, b):
        dx, dy = p2[0] - p1[0], p2[1] - p1[1]
        ex, ey = b[0] - a[0], b[1] - a[1]
        t = ((a[0] - p1[0]) * ey - (a[1] - p1[1]) * ex) / (dx * ey - dy * ex)
        return (p1[0] + t * dx, p1[1] + t * dy)

    s = 0.0
    for i in range(len(clipper)):
        x1, y1 = clipper[i]
        x2, y2 = clipper[(i + 1) % len(clipper)]
        s += x1 * y2 - x2 * y1
    sign = 1 if s > 0 else -1
    output = list(subject)
    for i in range(len(clipper)):
        a, b = clipper[i], clipper[(i + 1) % len(clipper)]
        points, output = output, []
        for j in range(len(points)):
            p, q = points[j], points[(j + 1) % len(points)]
            if inside(q, a, b, sign):
                if not inside(p, a, b, sign):
                    output.append(cross(p, q, a, b))
                output.append(q)
            elif inside(p, a, b, sign):
                output.append(cross(p, q, a, b))
        if not output:
            return []
    return output


def as_polygon(bb):
    key = tuple(bb)
    if key in POLYGONS:
        return POLYGONS[key]
    x, y, w, h = bb
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def iou(dts, gts, iscrowd):
    out = np.zeros((len(dts), len(gts)))
    for i, d in enumerate(dts):
        for j, g in enumerate(gts):
            if tuple(d) in POLYGONS or tuple(g) in POLYGONS:
                pd, pg = as_polygon(d), as_polygon(g)
                inter = clip(pd, pg)
                ia = area(inter) if len(inter) >= 3 else 0.0
                u = area(pd) + area(pg) - ia
                out[i, j] = ia / u if u > 0 else 0.0
            else:  # COCO's bbox IoU (maskApi.c bbIou)
                w = min(d[0] + d[2], g[0] + g[2]) - max(d[0], g[0])
                h = min(d[1] + d[3], g[1] + g[3]) - max(d[1], g[1])
                if w <= 0 or h <= 0:
                    continue
                inter = w * h
                out[i, j] = inter / (d[2] * d[3] + g[2] * g[3] - inter)
    return out


def load_cocoeval(path):
    sys.path.insert(0, path)
    np.float = float  # cocoeval.py still uses the alias that numpy 1.24 removed
    mask = types.ModuleType("pycocotools.mask")
    mask.iou = iou
    sys.modules["pycocotools.mask"] = mask
    for name in ("matplotlib", "matplotlib.pyplot", "matplotlib.collections",
                 "matplotlib.patches"):
        module = types.ModuleType(name)
        module.PatchCollection = module.Polygon = object
        sys.modules[name] = module
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    return COCO, COCOeval


def bbox_of(obj):
    if "box" in obj:
        x0, y0, x1, y1 = obj["box"]
        bb = [x0, y0, x1 - x0, y1 - y0]
        assert tuple(bb) not in POLYGONS, "a box with a polygon's bounds would be read as it"
        return bb
    xs = [p[0] for p in obj["polygon"]]
    ys = [p[1] for p in obj["polygon"]]
    bb = [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]
    POLYGONS[tuple(bb)] = [tuple(p) for p in obj["polygon"]]
    return bb


def evaluate(case, COCO, COCOeval):
    categories = case["categories"]
    cat_id = {name: i + 1 for i, name in enumerate(categories)}
    gt = {"images": [], "annotations": [], "categories": [{"id": i + 1, "name": n}
                                                          for i, n in enumerate(categories)]}
    dts = []
    for index, asset in enumerate(case["assets"]):
        gt["images"].append({"id": index + 1})
        for obj in asset["truth"]:
            bb = bbox_of(obj)
            gt["annotations"].append({"id": len(gt["annotations"]) + 1, "image_id": index + 1,
                                      "category_id": cat_id[obj["category"]], "bbox": bb,
                                      "area": bb[2] * bb[3], "iscrowd": 0})
        for obj in asset["predicted"]:
            dts.append({"image_id": index + 1, "category_id": cat_id[obj["category"]],
                        "bbox": bbox_of(obj), "score": obj["confidence"]})
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = gt
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(dts) if dts else COCO()
        evaluator = COCOeval(coco_gt, coco_dt, "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    precision = evaluator.eval["precision"]  # T, R, K, A, M
    classes = {}
    for k, name in enumerate(categories):
        p = precision[:, :, k, 0, 2]
        if (p > -1).any():
            classes[name] = {"ap": float(np.mean(p)), "ap50": float(np.mean(p[0]))}
    return {"map": float(evaluator.stats[0]), "map50": float(evaluator.stats[1]),
            "classes": classes}


def box(x0, y0, x1, y1, category, confidence=None):
    obj = {"category": category, "box": [x0, y0, x1, y1]}
    if confidence is not None:
        obj["confidence"] = confidence
    return obj


def random_case(seed, assets, per_asset):
    rng = random.Random(seed)
    categories = ["CAR", "PEDESTRIAN", "TRAFFIC_SIGN"]
    case = {"name": "random-%d" % seed, "categories": categories, "assets": []}
    for a in range(assets):
        truth, predicted = [], []
        for _ in range(rng.randint(0, per_asset)):
            x0, y0 = round(rng.uniform(0, 0.8), 4), round(rng.uniform(0, 0.8), 4)
            x1, y1 = round(x0 + rng.uniform(0.02, 0.2), 4), round(y0 + rng.uniform(0.02, 0.2), 4)
            category = rng.choice(categories)
            truth.append(box(x0, y0, x1, y1, category))
            for _ in range(rng.choice([0, 1, 1, 1, 2])):  # misses, hits and duplicates
                j = lambda v: round(v + rng.uniform(-0.012, 0.012), 4)
                label = category if rng.random() < 0.85 else rng.choice(categories)
                predicted.append(box(j(x0), j(y0), j(x1), j(y1), label,
                                     rng.randrange(10, 101, 10)))  # coarse: many ties
        for _ in range(rng.randint(0, 2)):  # false alarms
            x0, y0 = round(rng.uniform(0, 0.8), 4), round(rng.uniform(0, 0.8), 4)
            predicted.append(box(x0, y0, round(x0 + 0.1, 4), round(y0 + 0.1, 4),
                                 rng.choice(categories), rng.randrange(10, 101, 10)))
        case["assets"].append({"externalId": "a%03d" % a, "truth": truth,
                               "predicted": predicted})
    return case


def crowded_case():
    """One asset with 120 predictions of one class: only COCO's 100 most confident count."""
    truth, predicted = [], []
    for i in range(120):
        x = (i % 12) * 0.08
        y = (i // 12) * 0.09
        truth.append(box(x, y, x + 0.05, y + 0.05, "CAR"))
        predicted.append(box(x, y, x + 0.05, y + 0.05 if i % 3 else y + 0.03, "CAR", 1 + i % 97))
    return {"name": "crowded", "categories": ["CAR"],
            "assets": [{"externalId": "crowd", "truth": truth, "predicted": predicted}]}


def polygon_case():
    triangle = [[0.1, 0.1], [0.5, 0.1], [0.1, 0.5]]
    moved = [[0.15, 0.1], [0.55, 0.1], [0.15, 0.5]]
    diamond = [[0.7, 0.5], [0.9, 0.7], [0.7, 0.9], [0.5, 0.7]]
    return {"name": "polygons", "categories": ["SIGN", "ZONE"], "assets": [
        {"externalId": "p1",
         "truth": [{"category": "SIGN", "polygon": triangle},
                   {"category": "ZONE", "polygon": diamond}],
         "predicted": [{"category": "SIGN", "polygon": moved, "confidence": 90},
                       {"category": "ZONE", "box": [0.52, 0.5, 0.9, 0.9], "confidence": 80},
                       {"category": "ZONE", "polygon": diamond, "confidence": 70}]},
        {"externalId": "p2", "truth": [{"category": "SIGN", "polygon": triangle}],
         "predicted": [{"category": "SIGN", "polygon": [[0.1, 0.1], [0.3, 0.1], [0.1, 0.3]],
                        "confidence": 95}]}]}


def main():
    COCO, COCOeval = load_cocoeval(sys.argv[1])
    cases = [random_case(1, 20, 6), random_case(2, 40, 4), crowded_case(), polygon_case()]
    for case in cases:
        case["coco"] = evaluate(case, COCO, COCOeval)
    json.dump({"about": "Detection cases and the figures pycocotools' COCOeval (bbox, maxDets 100, "
                        "area all) gives for them; made by tests/evaluation/coco_reference.py.",
               "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
