"""xlperf: 预算绩效自评表的计算、校验与汇总。"""
__version__ = "0.1.0"
TEMPLATE_VERSION = "xlperf-template-1"
