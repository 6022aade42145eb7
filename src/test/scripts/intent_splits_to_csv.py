#!/usr/bin/env python3
"""Converts an intent data set in CLINC150 form (data_full.json: splits of [text, label] pairs) into
text,label CSV files for `taxonomy evaluate`.

Writes train.csv (train + oos_train), val.csv (val + oos_val) and test.csv (test + oos_test)
into OUT_DIR. The data set is read from ../shared and never copied into the repository.

usage: python3 src/test/scripts/intent_splits_to_csv.py ../shared/datasets/clinc150/data_full.json target/clinc150
"""
import csv
import json
import os
import sys


def main(source, out_dir):
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    for name, splits in (("train", ("train", "oos_train")),
                         ("val", ("val", "oos_val")),
                         ("test", ("test", "oos_test"))):
        path = os.path.join(out_dir, name + ".csv")
        rows = 0
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["text", "label"])
            for split in splits:
                for text, label in data[split]:
                    writer.writerow([text, label])
                    rows += 1
        print(f"{path}: {rows} rows")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
