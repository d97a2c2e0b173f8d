/** Twenty-one questions a shop bot fell back on: four topics, one repeated question, three strays. */
export const FALLBACK_QUESTIONS = [
  '发票抬头开错了怎么改', '发票抬头写错了能修改吗', '怎么修改发票抬头', '發票抬頭可以改嗎', '发票抬头填错了',
  '礼品卡怎么用', '礼品卡可以叠加使用吗', '礼品卡在哪里使用', '怎么使用礼品卡', '礼品卡怎么用？',
  '能寄到香港吗', '支持寄到香港吗', '可以发货到香港吗', '香港能送吗',
  '积分怎么兑换', '积分能兑换什么', '积分兑换在哪里', '积分可以抵现吗',
  '你们是机器人吗', '今天天气怎么样', '量子力学的基本假设有哪些',
];
