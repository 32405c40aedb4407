#!/usr/bin/env python3
"""Reference side of `npm run bench:gbm`: trains xgboost `hist` on a train CSV with the settings
the benchmark maps from Talaty's parameters, scores a test CSV, and prints one JSON line
(fit seconds, predict seconds, peak RSS). Categorical columns are one-hot encoded."""
import argparse, json, resource, sys, time

import pandas as pd
import xgboost as xgb

ap = argparse.ArgumentParser()
ap.add_argument("--train", required=True)
ap.add_argument("--test", required=True)
ap.add_argument("--target", required=True)
ap.add_argument("--drop", default="")
ap.add_argument("--threads", type=int, required=True)
ap.add_argument("--params", required=True, help="JSON of xgboost parameters and num_boost_round")
ap.add_argument("--pred", required=True)
a = ap.parse_args()

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

train = pd.read_csv(a.train)
test = pd.read_csv(a.test)
drop = [c for c in a.drop.split(",") if c] + [a.target]
y_train = train[a.target].to_numpy()
x_all = pd.get_dummies(pd.concat([train.drop(columns=drop), test.drop(columns=drop)]), dummy_na=False, dtype=float)
x_train, x_test = x_all.iloc[: len(train)], x_all.iloc[len(train):]
loaded = rss_mb()

params = json.loads(a.params)
rounds = params.pop("num_boost_round")
params.update({"tree_method": "hist", "objective": "binary:logistic", "nthread": a.threads})
started = time.perf_counter()
dtrain = xgb.DMatrix(x_train, label=y_train, nthread=a.threads)
booster = xgb.train(params, dtrain, num_boost_round=rounds)
fit = time.perf_counter() - started

dtest = xgb.DMatrix(x_test, nthread=a.threads)
started = time.perf_counter()
p = booster.predict(dtest)
predict = time.perf_counter() - started
with open(a.pred, "w") as f:
    f.write("\n".join(repr(float(v)) for v in p))
json.dump({"fit_s": fit, "predict_s": predict, "rows": len(test), "features": x_train.shape[1],
           "rss_loaded_mb": loaded, "rss_peak_mb": rss_mb(), "version": xgb.__version__}, sys.stdout)
