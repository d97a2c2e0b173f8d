/**
 * English customer-service vocabulary with its usual Chinese wording. Chinese customers mix English
 * into their messages ("我的order还没到", "file a complaint"), and tenants write their training data
 * mostly in Chinese; glossing the English lets one Chinese example cover both. Keys are English
 * words or phrases (up to four words), matched after the same light stemming as features; values
 * are space-separated Chinese words. General vocabulary for retail, banking, government services
 * and telecom — not a list of any tenant's phrases. Words with two customer-service senses stay out:
 * "operator" is a human agent on a phone line but the carrier in "switch operator".
 */
export const ENGLISH_GLOSSARY: Readonly<Record<string, string>> = {
  // Conversation
  hello: '你好', hi: '你好', hey: '你好', 'good morning': '早上好', 'good afternoon': '下午好', 'good evening': '晚上好',
  anyone: '有人', 'anyone there': '有人在吗', 'is anyone there': '有人在吗',
  thanks: '谢谢', thank: '谢谢', 'thank you': '谢谢', thx: '谢谢', appreciate: '感谢', helpful: '有帮助', grateful: '感谢',
  bye: '再见', goodbye: '再见', 'see you': '再见', 'see you later': '回头见', 'have a nice day': '祝你愉快 再见', 'take care': '保重 再见',
  // Everyday salutations: single English words that no char n-gram of a Chinese example can cover.
  // "good day" stays out (a greeting in some places, a farewell in others).
  howdy: '你好', hiya: '你好', yo: '你好', greetings: '你好', 'hello there': '你好', morning: '早上好', afternoon: '下午好', evening: '晚上好',
  cheers: '谢谢', 'much appreciated': '非常感谢', 'many thanks': '非常感谢', ty: '谢谢', kudos: '点赞 谢谢',
  ciao: '再见', farewell: '再见', 'see ya': '再见', 'gotta go': '我先走了 再见', 'got to go': '我先走了 再见', 'signing off': '下线了 再见',
  'catch you later': '回头见', 'talk later': '回头聊', 'good night': '晚安', 'have a good one': '祝你愉快 再见', "i'm off": '我走了',
  later: '回头', 'that is all': '就这些', "that's all": '就这些', 'nothing else': '没别的了',
  human: '人工', agent: '人工 客服', 'real person': '真人', person: '人', staff: '工作人员', representative: '客服',
  'customer service': '客服', support: '客服', manager: '经理', supervisor: '主管', 'call me': '给我打电话', phone: '电话', hotline: '热线',
  help: '帮助', question: '问题', problem: '问题', issue: '问题', wrong: '错', error: '错误',
  // Complaints and feelings
  complaint: '投诉', complain: '投诉', 'file a complaint': '投诉', report: '举报', unhappy: '不满意', dissatisfied: '不满意',
  angry: '生气', terrible: '太差', awful: '太差', bad: '差', worst: '最差', poor: '差', rude: '态度差', useless: '没用',
  scam: '骗', cheat: '欺骗', lie: '骗人', slow: '慢', 'too slow': '太慢', late: '晚', delay: '延迟', delayed: '延迟',
  never: '从来没有', still: '还', 'still not': '还没', 'not yet': '还没', again: '又', urgent: '急', asap: '尽快',
  // Orders and delivery
  order: '订单', purchase: '购买', buy: '买', bought: '买', item: '商品', product: '商品', goods: '商品', stock: '库存',
  delivery: '配送 快递', deliver: '送达', shipping: '发货 物流', ship: '发货', shipped: '发货', parcel: '包裹', package: '包裹',
  courier: '快递员', express: '快递', tracking: '物流', 'tracking number': '物流单号', logistics: '物流', arrive: '到', arrival: '到货',
  where: '哪里', when: '什么时候', 'how long': '多久', status: '状态', progress: '进度',
  return: '退货', 'send back': '寄回', refund: '退款', 'money back': '退钱', exchange: '换货', replace: '更换', replacement: '更换',
  swap: '换', size: '尺码', color: '颜色', colour: '颜色', broken: '坏了', damaged: '破损', defective: '质量问题', missing: '少件',
  invoice: '发票', receipt: '发票', 'tax id': '税号', address: '地址', 'shipping address': '收货地址', recipient: '收件人',
  cancel: '取消', cancellation: '取消', coupon: '优惠券', voucher: '优惠券', discount: '优惠', 'discount code': '优惠码', promo: '优惠',
  'promo code': '优惠码', points: '积分', price: '价格', cost: '价格', material: '材质', warranty: '保修', quality: '质量',
  recommend: '推荐', spec: '参数', specs: '参数', specification: '参数',
  // Banking
  account: '账户', balance: '余额', transaction: '交易', transactions: '交易明细', statement: '账单', card: '卡', 'bank card': '银行卡',
  'debit card': '借记卡', 'credit card': '信用卡', lost: '丢了', lose: '丢', stolen: '被盗', freeze: '冻结', block: '冻结', unblock: '解冻',
  password: '密码', pin: '密码', reset: '重置', forgot: '忘记', forget: '忘记', transfer: '转账', remittance: '汇款',
  'credit limit': '额度', limit: '额度', bill: '账单', repayment: '还款', repay: '还款', 'due date': '还款日', installment: '分期',
  loan: '贷款', mortgage: '房贷', interest: '利息', 'interest rate': '利率', rate: '利率', borrow: '借款',
  'open an account': '开户', 'open account': '开户', 'apply for a card': '办卡', fraud: '诈骗', fraudulent: '诈骗', scammer: '骗子',
  suspicious: '可疑', charge: '扣款', 'unauthorized': '盗刷', hacked: '被盗', 'identity theft': '冒用身份',
  // Government services
  policy: '政策', subsidy: '补贴', subsidies: '补贴', benefit: '补贴', pension: '养老金', 'social security': '社保',
  insurance: '保险', 'housing fund': '公积金', hukou: '户口', residence: '居住', 'residence permit': '居住证',
  requirement: '条件', requirements: '条件', eligible: '符合条件', apply: '申请', application: '申请',
  appointment: '预约', book: '预约', booking: '预约', schedule: '预约', reschedule: '改约', slot: '时间段', visit: '去现场办理',
  'service center': '办事大厅', window: '窗口', upload: '上传', document: '材料', documents: '材料', file: '文件', attachment: '附件',
  certificate: '证明', passport: '护照', 'id card': '身份证', license: '证照', licence: '证照', permit: '证',
  approve: '审批', approval: '审批', review: '审核', pending: '办理中', collect: '领取', pickup: '取件',
  // Telecom
  'phone bill': '话费', 'data usage': '流量', data: '流量', traffic: '流量', plan: '套餐', upgrade: '升级', downgrade: '降档',
  unlimited: '不限量', broadband: '宽带', internet: '网络', wifi: '网络', network: '网络', signal: '信号', 'no signal': '没信号',
  outage: '断网', disconnected: '断网', technician: '维修师傅', repair: '维修', fix: '修', router: '路由器', modem: '光猫',
  'port my number': '携号转网', porting: '携号转网', 'number porting': '携号转网', carrier: '运营商', sim: 'sim卡', 'sim card': 'sim卡',
  esim: 'esim', roaming: '漫游', 'top up': '充值', recharge: '充值', arrears: '欠费', minutes: '通话时长', call: '电话',
};
